// Numbers in short Chinese work messages, found in context: what a numeral is and what it is worth
// is domain/numerals.ts (the one grammar: 2万5千, 1千零5, 两千两百二十五, 1.5万, 百分之…); this file
// decides which numerals are quantities. Calendar numerals (十月份, 三季度, 2021年, 3号), ordinals
// (第二) and fixed words (报一下, 七五普法, 三会一课) are not values; estimates (十几) and ranges (10-15)
// are found with their problem, so the dialog can say why it stores nothing.
import { unitAt } from "./unit-reading.js";
import { findVagueNumerals, NUMERAL_SOURCE, parseNumeral } from "../../domain/numerals.js";

export interface NumberMention {
  value: number;
  /** "%" for 百分之… / …%, else the unit written right after the number (normalised), or null. */
  unit: string | null;
  /** Span in the text, including 百分之 and the unit. */
  start: number;
  end: number;
  /** Written, but no figure to store: an estimate ("十几篇") or a range ("10-15篇"); `value` is its low end. */
  problem?: { kind: "vague" | "range"; text: string };
}

// Words whose numerals are not quantities. Masked before scanning.
const FIXED_WORDS = [
  "一下", "一些", "一起", "一直", "一般", "一定", "一体化", "一站式", "一样", "一切", "一致", "一律", "一旦", "一点儿",
  "一共", "一是", "一方面", "统一", "唯一", "之一", "万一", "千万别", "十三五", "十四五", "七五", "三会一课", "两新",
  "一把手", "一次性", "上一条", "上一个", "这一条", "那一条", "12348", "一部电影", "一部", "一会", "一遍", "两个月", "三个月",
  "给我一份", "来一份", "发一份", "发我一份", "零差错", "零事故", "零投诉", "零容忍", "零距离", "零上访",
];

const TOKEN = new RegExp(`([百千]分之)?(${NUMERAL_SOURCE})\\s*([%％])?`, "g");
/** Right after a figure: the other end of a range ("10-15篇", "10到15人", "十至十五场"). */
const RANGE_TAIL = new RegExp(`^\\s*[-~～至到—]\\s*(${NUMERAL_SOURCE})(\\s*[%％])?`);
/** After a numeral: it names a month, quarter, year, day, hour — or it is a range start (1-10月). */
const CALENDAR_AFTER = /^\s*(?:个?月|季度|季|年|号|日|周年|点(?![零〇一二三四五六七八九\d])|时|[-~～至到—]\s*[\d零〇一二两三四五六七八九十]+\s*(?:月|季))/;
/** Before a numeral: an ordinal (第二), a quarter (Q3), a day (每月3). */
const CALENDAR_BEFORE = /(?:第|[qQ]|每月|每个月|周|星期)\s*$/;

/** Every quantity written in `text`, left to right. */
export function findNumbers(text: string): NumberMention[] {
  let masked = maskFixedWords(text);
  const out: NumberMention[] = [];
  for (const v of findVagueNumerals(masked)) {
    const u = unitAt(masked.slice(v.end));
    const end = v.end + (u?.length ?? 0);
    out.push({ value: 0, unit: u?.unit ?? null, start: v.start, end, problem: { kind: "vague", text: text.slice(v.start, end).trim() } });
    masked = masked.slice(0, v.start) + "□".repeat(v.end - v.start) + masked.slice(v.end);
  }
  let consumed = 0; // the other end of a range is read with its first end
  for (const m of masked.matchAll(TOKEN)) {
    const start = m.index!;
    if (start < consumed) continue;
    const [whole, percentPrefix, numeral = "", percentSuffix] = m;
    if (percentPrefix === "百分之" && numeral === "百") {
      out.push({ value: 100, unit: "%", start, end: start + whole.length }); // 百分之百
      continue;
    }
    let value = parseNumeral(numeral);
    if (value === null || Number.isNaN(value)) continue;
    if (numeral === "十" && /^分\p{Script=Han}/u.test(masked.slice(start + whole.length))) continue; // 十分顺利: "very"
    if (percentPrefix === "千分之") value /= 10; // 千分之五 = 0.5%
    let end = start + whole.length;
    const before = masked.slice(Math.max(0, start - 4), start);
    let after = masked.slice(end);
    if (!percentPrefix && !percentSuffix && (CALENDAR_AFTER.test(after) || CALENDAR_BEFORE.test(before))) continue;
    if (/^\d{4}$/.test(numeral) && /^\s*年/.test(after)) continue;
    let problem: NumberMention["problem"];
    const range = RANGE_TAIL.exec(after);
    if (range && parseNumeral(range[1]!) !== null && (!percentSuffix || range[2])) {
      problem = { kind: "range", text: "" };
      end += range[0].length;
      after = masked.slice(end);
      consumed = end;
    }
    let unit: string | null = percentPrefix || percentSuffix || (problem && range?.[2]) ? "%" : null;
    if (!unit) {
      const pct = /^\s*[%％]/.exec(after);
      const u = pct ? { unit: "%", length: pct[0].length } : unitAt(after);
      if (u) {
        unit = u.unit;
        end += u.length;
      }
    }
    if (problem) problem.text = text.slice(start, end);
    // "-3篇" / "负3篇": keep the sign so the dialog can refuse a negative count with a reason
    // (a "-" right after a digit is a range, "1-10月", not a sign).
    const sign = /(?:^|[^\d.])[-－]$|负$/.test(masked.slice(Math.max(0, start - 2), start)) ? -1 : 1;
    out.push({ value: sign * value, unit, start: sign < 0 ? start - 1 : start, end, ...(problem ? { problem } : {}) });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The number a message consists of ("98.9", "百分之九十", "12篇"), else null. */
export function soleNumber(text: string): NumberMention | null {
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

