// The shape of a chat message before any rule reads it: words typed with spaces between their
// characters (指 标 列 表), common abbreviations (公号, 推文), an @ of the bot, and a preamble —
// greetings (您好，打扰一下) and a self-introduction (我是立法科的小王) — which is context, not the
// request: the request is the clause after it (想确认一下…, 请问…).

/** Generic media, office and legal-service shorthand → the full word the catalogue uses. Not per indicator. */
const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/微信公号|公号|公众平台|微信号/g, "公众号"],
  [/(?:公众号)?推文/g, "公众号文章"],
  [/官微/g, "官方微博"],
  [/稿子/g, "稿件"],
  [/法援/g, "法律援助"],
  [/律所/g, "律师事务所"],
  [/人调(?!解)/g, "人民调解"],
  [/调委会/g, "人民调解委员会"],
  [/咋样/g, "怎么样"],
  // English words staff mix in (the text is lower-cased by now): target, KPI, list一下, check一下
  [/(?<![a-z])targets?(?![a-z])/g, "目标"],
  [/(?<![a-z])kpis?(?![a-z])/g, "指标"],
  [/(?<![a-z])list(?![a-z])/g, "列"],
  [/(?<![a-z])check(?![a-z])/g, "查"],
  [/(?<![a-z])progress(?![a-z])/g, "进度"],
];

const HAN = "\\p{Script=Han}";
/** Spaces between two Chinese characters are typing noise: 指 标 列 表 → 指标列表. */
const SPACED = new RegExp(`(?<=${HAN})\\s+(?=${HAN})`, "gu");
/** 98 . 5 %: a decimal point typed with spaces around it. */
const SPACED_POINT = /(?<=\d)\s*\.\s*(?=\d)/g;
/** "@绩效助手 …": an @ of someone (the bot) before the message. */
const MENTION = /^(?:@\S+\s+)+/;

/** Clauses that are only greetings or politeness (您好, 打扰一下, 不好意思, 老师好). */
const GREETING = /^(?:(?:您|你|大家|老师|领导|各位)好(?:呀|啊)?|hi|hello|嗨|哈喽|在吗|在不在|打扰(?:一下|了|您了?)?|不好意思|麻烦(?:您|你)?(?:了|一下)?|辛苦了?|请问一下?|问一下)$/i;
/** A self-introduction clause: 我是立法科的小王, 我这边是普法科的, 我是调解科小李. */
const INTRO = /^我(?:这边|这里)?是(?!想|要|说|问|来问|不是)[^，,。？?！!]{1,14}$/;
/** A self-introduction running into the request without a comma: 我是立法科的小王想问一下… */
const INTRO_INLINE = /^我(?:这边|这里)?是(?!想|要|说|问|来问|不是)[^，,。？?！!]{1,12}?(?=想|要问|请问|问一下|问下|麻烦|咨询)/;

export interface MessageShape {
  /** The cleaned text every rule reads. */
  text: string;
  /** The preamble that was removed (greeting, self-introduction): a section named there is the asker's. */
  preamble: string;
}

/** Normalised text (full-width, case, spacing already done by the caller) → cleaned request and preamble. */
export function shapeMessage(normalised: string): MessageShape {
  let text = normalised.replace(MENTION, "").replace(SPACED, "").replace(SPACED_POINT, ".").replace(/\s+/g, " ").trim();
  for (const [re, full] of ABBREVIATIONS) text = text.replace(re, full);
  const preamble: string[] = [];
  for (;;) {
    const m = /^([^，,。？?！!~～\s]+)[，,。！!~～\s]+/.exec(text);
    const inline = INTRO_INLINE.exec(text);
    if (m && (GREETING.test(m[1]!) || INTRO.test(m[1]!)) && m[0].length < text.length) {
      preamble.push(m[1]!);
      text = text.slice(m[0].length);
    } else if (inline) {
      preamble.push(inline[0]);
      text = text.slice(inline[0].length);
    } else break;
  }
  return { text, preamble: preamble.join("，") };
}
