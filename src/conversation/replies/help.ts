// What the bot can do, with sentences people can copy; the shorter form for messages it could not place;
// and the reply for someone who is not bound to a user yet.
import type { Card } from "../types.js";

const EXAMPLES = [
  "调解成功率的目标是多少",
  "普法动态今年发了多少篇了",
  "本月调解成功率99.2%",
  "十月份普法动态发了12篇",
  "我们科有哪些指标 / 还有哪些没报",
];

export function helpCard(): Card {
  return {
    title: "绩效助手可以帮您",
    tone: "info",
    lines: [
      "· 查询指标的年度目标、参考值和负责科室",
      "· 查询完成进度（累计值、完成率、时间进度）",
      "· 报送月度进展（确认后保存，可“改成…”或“撤回”）",
      "· 查看本科室指标和缺报情况",
      "**示例**：",
      ...EXAMPLES.map((e) => `· ${e}`),
    ],
  };
}

export function unknownText(): string {
  return `抱歉，没有理解您的意思。您可以这样说：\n${EXAMPLES.slice(0, 3).map((e) => `· ${e}`).join("\n")}\n回复“帮助”查看全部用法。`;
}

/**
 * A guest (no bound user) asked for something that needs one: progress, reports, lists. Said to a
 * staff member, not an administrator: whom to ask, and the id the administrator will need.
 */
export function onboardingText(platform: string, externalId: string): string {
  if (platform === "local") return `用户 ${externalId} 不存在或已停用，请在页面上重新选择用户，或联系管理员。`;
  return guestText(platform, externalId);
}

export function guestText(platform: string, externalId: string): string {
  return [
    "您好，您的账号还没有开通绩效助手，暂时不能查询进度、报送或查看缺报情况。",
    "指标的年度目标可以直接问，例如“调解成功率的目标是多少”。",
    guestAccessLine(platform, externalId),
  ].join("\n");
}

/** The one line on how to get access: whom to ask, and the account id the administrator binds. */
export function guestAccessLine(platform: string, externalId: string): string {
  const name = platform === "dingtalk" ? "钉钉" : platform === "feishu" ? "飞书" : platform;
  return `查询进度和报送请联系办公室管理员开通（请告知您的${name}账号标识：${externalId}）。`;
}

/** Something the bot cannot read (a picture, a file, a sticker, a voice message without text). */
export function unreadableText(platform: string): string {
  // DingTalk transcribes voice messages itself (content.recognition); Feishu does not.
  const how = platform === "dingtalk" ? "文字或语音消息" : "文字消息（语音可用输入法转成文字发送）";
  return `抱歉，我只能读${how}，图片、文件、表情等内容暂时看不懂。请直接用文字告诉我，例如“调解成功率的目标是多少”。`;
}
