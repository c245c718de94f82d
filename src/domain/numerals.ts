// The one grammar for numbers as Chinese office staff write them — chat messages, goal-table targets
// and spreadsheet cells all read numbers here. Pure.
//
// Own code, not a library: of the npm packages, `chinese-numbers-converter` 2.3.1 reads 1千零5 as
// 1000, 1百01 as 100, 九十八点五 as 175 and 十几 as 10 (silently wrong); `nzh` 1.0.14 reads every
// mixed form (2万5千, 3千5百, 1.5万) as 0, 一万二 as 10002 and 二零二一 as 221 (measured 2026-11-30,
// see docs/numbers.md). The set is closed (零一二两…九 十百千万亿 点 廿卅 and Arabic digits), so a small
// grammar with a table test is the reliable path.

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNIT: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** Characters of a Chinese numeral (廿 = 二十, 卅 = 三十, as in dates and old-style counts). */
export const CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿廿卅";
const CN = `[${CN_NUMERAL_CHARS}]`;
const ARABIC = String.raw`(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`;

/**
 * A numeral token as a regex source (no groups): Arabic and Chinese pieces in any mix ("2万5千",
 * "1千零5", "两千两百二十五", "1.5万", "1,200"), then an optional Chinese decimal ("九十八点五",
 * "一点五万"). Whether the token is a number at all is parseNumeral's answer.
 */
export const NUMERAL_SOURCE = `(?:${ARABIC}|${CN})(?:\\d+(?:\\.\\d+)?|${CN})*(?:点[零〇一二三四五六七八九]+[万亿]?)?`;

/**
 * Text as typed, made readable for the number grammar without changing what it says: invisible
 * characters from copy-paste (zero-width space/non-joiner/joiner, word joiner, BOM, soft hyphen)
 * removed, NBSP and the ideographic space made spaces, full-width ASCII made half-width (１２ → 12,
 * ％ → %, ，→ ,), and a decimal point typed as the IME full stop or 点 between Arabic digits ("99。2%",
 * "99点2%") made "." — 点 before 分/时 or after a time word stays (3点30分, 下午3点30). A space between
 * thousands groups ("4 150人次") is dropped.
 */
export function normaliseNumberText(s: string): string {
  return stripInvisible(s)
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/(\d)\s*。\s*(?=\d)(?!\d*\s*[年月日号])/g, "$1.")
    .replace(/(?<!(?:上午|下午|晚上|早上|中午|凌晨|傍晚)\d?)(\d)点(?=\d)(?!\d*\s*[分时])/g, "$1.")
    .replace(/(?<![\d.])(\d{1,3}) (?=\d{3}(?![\d.]))/g, "$1");
}

/** Copy-paste debris removed (zero-width characters, BOM, soft hyphen); NBSP-like spaces made spaces. */
export function stripInvisible(s: string): string {
  return s.replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, "").replace(/[\u00A0\u202F\u2007\u3000]/g, " ");
}

/** Counters after which a pair of digits is an estimate ("三五个", "二三十场"). */
const COUNTER = "[个人场篇期次条件本家项名位天所户份册批部版]";
const VAGUE = new RegExp(
  [
    `${CN}*[十百千万]几[十百千万]?`, // 十几, 二十几, 一百几十
    `(?:好几|几|(?<![人次件案篇总场户名期份本项条家位所批部册])数)[十百千万]+`, // 几十, 几百, 数十, 好几千 (not 人数十二)
    `上[百千万](?=${COUNTER}|$)`, // 上百人 (not 上百姓)
    `[一二两三四五六七八九]{2}[十百千万]*(?=${COUNTER}|$)`, // 二三十, 三五个 (checked: consecutive or 三五)
  ].join("|"),
  "g",
);

/** A figure written as an estimate — 十几, 几十, 数百, 上百, 二三十, 三五个 — by its span; none is a number to store. */
export function findVagueNumerals(s: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  for (const m of s.matchAll(VAGUE)) {
    const pair = /^[一二两三四五六七八九]{2}/.exec(m[0]);
    if (pair && !/几/.test(m[0]) && !consecutive(pair[0])) continue; // 二五 is no estimate
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

function consecutive(pair: string): boolean {
  const [a, b] = [...pair].map((c) => DIGIT[c]!);
  return b === a! + 1 || (a === 3 && b === 5);
}

/**
 * A whole numeral token → its value, or null when it is none (万 alone, "三点", letters).
 * "2万5千" = 25000, "3千5百" = 3500, "1千零5" = 1005, "1百01" = 101, "两千两百二十五" = 2225, "廿三" = 23,
 * "1.5万" = 15000, "一万二" = 12000 (a trailing digit counts in the next lower unit), "二零二一" = 2021,
 * "九十八点五" = 98.5, "1,200" = 1200.
 */
export function parseNumeral(token: string): number | null {
  const s = token.replace(/廿/g, "二十").replace(/卅/g, "三十");
  const chineseDecimal = /^(.*?)点([零〇一二三四五六七八九]+)([万亿])?$/.exec(s);
  if (chineseDecimal) {
    const [, intPart = "", frac = "", big] = chineseDecimal;
    const int = intPart === "" ? null : parseInteger(intPart);
    if (int === null) return null;
    const value = int + Number("0." + [...frac].map((c) => DIGIT[c]).join(""));
    return round(big ? value * BIG_UNIT[big]! : value);
  }
  if (s.includes("点")) return null;
  const v = parseInteger(/^\d{1,3}(?:,\d{3})+/.test(s) ? s.replace(/,/g, "") : s);
  return v === null ? null : round(v);
}

type Atom = { kind: "num"; value: number; text: string } | { kind: "small" | "big"; value: number };

function atoms(s: string): Atom[] | null {
  const out: Atom[] = [];
  for (const m of s.matchAll(/\d+(?:\.\d+)?|./gu)) {
    const t = m[0];
    if (/^\d/.test(t)) out.push({ kind: "num", value: Number(t), text: t });
    else if (DIGIT[t] !== undefined) out.push({ kind: "num", value: DIGIT[t]!, text: t });
    else if (SMALL_UNIT[t]) out.push({ kind: "small", value: SMALL_UNIT[t]! });
    else if (BIG_UNIT[t]) out.push({ kind: "big", value: BIG_UNIT[t]! });
    else return null;
  }
  return out;
}

function parseInteger(s: string): number | null {
  const list = atoms(s);
  if (!list?.length) return null;
  if (list.every((a) => a.kind === "num")) {
    if (list.length === 1) return list[0]!.value;
    // 二零二一 (digit by digit); mixed digit runs ("3五") are no numeral
    return list.every((a) => a.kind === "num" && a.text.length === 1 && !/\d/.test(a.text))
      ? Number(list.map((a) => a.value).join(""))
      : null;
  }
  if (!list.some((a) => a.kind === "num") && list[0]!.value !== 10) return null; // 万, 千 alone; 十 is ten
  let total = 0;
  let section = 0;
  let pending: number | null = null;
  let lastUnit = 0;
  let rightAfterUnit = false; // 一万二 / 八百二 / 2万5: a trailing single digit counts in the next lower unit
  for (const a of list) {
    if (a.kind === "num") {
      if (pending !== null) return null; // two numbers side by side ("3五")
      // 零 or a leading zero (1百01) closes the shorthand: 一千零五 = 1005
      if (a.text === "零" || a.text === "〇" || (a.text.length > 1 && a.text.startsWith("0"))) rightAfterUnit = false;
      if (a.text === "零" || a.text === "〇") continue;
      pending = a.value;
      if (a.text.length > 1 && !a.text.startsWith("0") && rightAfterUnit) rightAfterUnit = false; // 1万25 = 10025
      continue;
    }
    if (a.kind === "small") {
      if (lastUnit && a.value >= lastUnit && lastUnit < 1e4) return null; // 百千: out of order
      section += (pending ?? 1) * a.value;
      pending = null;
      lastUnit = a.value;
      rightAfterUnit = true;
      continue;
    }
    section += pending ?? 0;
    total = a.value === 1e8 ? (total + section) * a.value : total + (section || 1) * a.value;
    section = 0;
    pending = null;
    lastUnit = a.value;
    rightAfterUnit = true;
  }
  if (pending !== null) {
    const shorthand = rightAfterUnit && lastUnit >= 100 && pending < 10;
    section += shorthand ? (pending * lastUnit) / 10 : pending;
  }
  return total + section;
}

function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}
