// Numbers in short Chinese work messages: Arabic ("1,200", "99.2%", "3千", "1.5万"), Chinese
// (八百二十, 一万二, 千二, 两, 零点五, 百分之九十八点五) and mixed. Calendar numerals (十月份, 三季度,
// 2021年, 3号), ordinals (第二) and fixed words (报一下, 七五普法, 三会一课) are not values.
import { unitAt } from "./units.js";

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNIT: Record<string, number> = { 万: 1e4, 亿: 1e8 };

export interface NumberMention {
  value: number;
  /** "%" for 百分之… / …%, else the unit written right after the number (normalised), or null. */
  unit: string | null;
  /** Span in the text, including 百分之 and the unit. */
  start: number;
  end: number;
}

/** A whole Chinese numeral ("一万二", "九十八点五", "二零二一") → number, or null when it is not one. */
export function parseChineseNumeral(s: string): number | null {
  const scale = /点.*[万亿]$/.test(s) ? BIG_UNIT[s.slice(-1)]! : 1; // 一点五万 = 1.5 × 万
  const [intPart, fracPart, ...more] = (scale === 1 ? s : s.slice(0, -1)).split("点");
  if (more.length || intPart === undefined) return null;
  if (!/[零〇一二两三四五六七八九]/.test(intPart) && !intPart.startsWith("十")) return null; // 万, 千 alone
  let frac = 0;
  if (fracPart !== undefined) {
    if (!fracPart || [...fracPart].some((c) => DIGIT[c] === undefined)) return null;
    frac = Number("0." + [...fracPart].map((c) => DIGIT[c]).join(""));
  }
  const int = intPart === "" ? null : parseInteger(intPart);
  if (int === null) return null;
  return (int + frac) * scale;
}

function parseInteger(s: string): number | null {
  const chars = [...s];
  if (chars.some((c) => DIGIT[c] === undefined && !SMALL_UNIT[c] && !BIG_UNIT[c])) return null;
  if (chars.every((c) => DIGIT[c] !== undefined)) return Number(chars.map((c) => DIGIT[c]).join("")); // 二零二一
  let total = 0;
  let section = 0;
  let pending: number | null = null;
  let lastUnit = 0;
  let rightAfterUnit = false; // 一万二 / 八百二 / 千二: a trailing digit counts in the next lower unit
  for (const c of chars) {
    const d = DIGIT[c];
    if (d !== undefined) {
      if (c === "零" || c === "〇") rightAfterUnit = false;
      else pending = d;
      continue;
    }
    const small = SMALL_UNIT[c];
    if (small) {
      section += (pending ?? 1) * small;
      pending = null;
      lastUnit = small;
      rightAfterUnit = true;
      continue;
    }
    const big = BIG_UNIT[c]!;
    section += pending ?? 0;
    total = big === 1e8 ? (total + section) * big : total + (section || 1) * big;
    section = 0;
    pending = null;
    lastUnit = big;
    rightAfterUnit = true;
  }
  if (pending !== null) section += rightAfterUnit && lastUnit >= 100 ? (pending * lastUnit) / 10 : pending;
  return total + section;
}

// Words whose numerals are not quantities. Masked before scanning.
const FIXED_WORDS = [
  "一下", "一些", "一起", "一直", "一般", "一定", "一体化", "一站式", "一样", "一切", "一致", "一律", "一旦", "一点儿",
  "一共", "一是", "一方面", "统一", "唯一", "之一", "万一", "千万别", "十三五", "十四五", "七五", "三会一课", "两新",
  "一把手", "一次性", "上一条", "上一个", "这一条", "那一条", "12348", "一部电影", "一部", "一会", "一遍", "两个月", "三个月",
  "给我一份", "来一份", "发一份", "发我一份", "零差错", "零事故", "零投诉", "零容忍", "零距离", "零上访",
];

const CN = "零〇一二两三四五六七八九十百千万亿";
const TOKEN = new RegExp(
  `([百千]分之)?(?:(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)([十百千万亿]*)|([${CN}]+(?:点[零〇一二三四五六七八九]+[万亿]?)?))\\s*([%％])?`,
  "g",
);
/** After a numeral: it names a month, quarter, year, day, hour — or it is a range start (1-10月). */
const CALENDAR_AFTER = /^\s*(?:个?月|季度|季|年|号|日|周年|点(?![零〇一二三四五六七八九\d])|时|[-~～至到—]\s*[\d零〇一二两三四五六七八九十]+\s*(?:月|季))/;
/** Before a numeral: an ordinal (第二), a quarter (Q3), a day (每月3). */
const CALENDAR_BEFORE = /(?:第|[qQ]|每月|每个月|周|星期)\s*$/;

/** Every quantity written in `text`, left to right. */
export function findNumbers(text: string): NumberMention[] {
  const masked = maskFixedWords(text);
  const out: NumberMention[] = [];
  for (const m of masked.matchAll(TOKEN)) {
    const start = m.index!;
    const [whole, percentPrefix, arabic, multiplier, chinese, percentSuffix] = m;
    if (percentPrefix === "百分之" && chinese === "百") {
      out.push({ value: 100, unit: "%", start, end: start + whole.length }); // 百分之百
      continue;
    }
    let value: number | null;
    if (arabic !== undefined) {
      value = Number(arabic.replace(/,/g, ""));
      if (multiplier) {
        const mult = parseInteger("一" + multiplier); // 3千 → 3 × 1000
        value = mult === null ? null : value * mult;
      }
    } else {
      const cn = chinese!;
      value = parseChineseNumeral(cn);
    }
    if (value === null || Number.isNaN(value)) continue;
    if (chinese === "十" && /^分\p{Script=Han}/u.test(masked.slice(start + whole.length))) continue; // 十分顺利: "very"
    if (percentPrefix === "千分之") value /= 10; // 千分之五 = 0.5%
    let end = start + whole.length;
    const before = masked.slice(Math.max(0, start - 4), start);
    const after = masked.slice(end);
    if (!percentPrefix && !percentSuffix && (CALENDAR_AFTER.test(after) || CALENDAR_BEFORE.test(before))) continue;
    if (arabic !== undefined && /^\d{4}$/.test(arabic) && /^\s*年/.test(after)) continue;
    let unit: string | null = percentPrefix || percentSuffix ? "%" : null;
    if (!unit) {
      const u = unitAt(after);
      if (u) {
        unit = u.unit;
        end += u.length;
      }
    }
    // "-3篇" / "负3篇": keep the sign so the dialog can refuse a negative count with a reason
    // (a "-" right after a digit is a range, "1-10月", not a sign).
    const sign = /(?:^|[^\d.])[-－]$|负$/.test(masked.slice(Math.max(0, start - 2), start)) ? -1 : 1;
    out.push({ value: sign * round(value), unit, start: sign < 0 ? start - 1 : start, end });
  }
  return out;
}

/** Parses a message that is only a number ("98.9", "百分之九十", "12篇"), else null. */
export function parseNumber(text: string): NumberMention | null {
  const t = text.trim();
  const found = findNumbers(t);
  return found.length === 1 && found[0]!.start === 0 && found[0]!.end === t.length ? found[0]! : null;
}

/** A percentage written in words: its 之一 / 一点 are digits, never fixed words (百分之一点五). */
const WORDED_PERCENT = /[百千]分之[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?/g;

function maskFixedWords(text: string): string {
  const kept = [...text.matchAll(WORDED_PERCENT)].map((m) => [m.index!, m.index! + m[0].length] as const);
  const inKept = (a: number, b: number) => kept.some(([x, y]) => a < y && b > x);
  // 这一块, 那一项, 每一期: a demonstrative's 一 picks one thing, it counts nothing
  let s = text.replace(/(?<=[这那哪每])一(?=\p{Script=Han})/gu, "□");
  for (const w of FIXED_WORDS) {
    for (let i = s.indexOf(w); i >= 0; i = s.indexOf(w, i + w.length)) {
      if (!inKept(i, i + w.length)) s = s.slice(0, i) + "□".repeat(w.length) + s.slice(i + w.length);
    }
  }
  return s;
}

function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}
