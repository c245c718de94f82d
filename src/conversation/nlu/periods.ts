// Reporting periods named in a message, relative to an injected `now` in Asia/Shanghai.
// Decisions:
// - A month, quarter or half-year without a year is this year's — unless it starts more than one
//   month after the current month, then it is last year's (in January, "十二月" is the December just
//   past). The very next month is this year's: people talk about the coming month ("12月普法动态8篇"
//   in November is December 2021, and the report check answers when it may be reported), and a
//   period starting then likewise (四季度 in September). In December, "一月" is this January.
// - 截至目前 / 累计 / 至今 without a year = this year's January through the current month (kind "range").
//   "截至10月" = January through October; 前三季度 / 前两个季度 / 前10个月 / 头三个月 = January through
//   the end of that quarter or month. 近三个月 / 最近三个月 = the last three months, this one included.
// - 今年 / 本年 / 全年 / 年度 = the whole calendar year — also 今年累计 / 今年以来 / 年初以来 (a year named
//   with a to-date word): year to date is implied by "now", and progress answers are the same.
import { parseNumeral } from "../../domain/numerals.js";
import type { PeriodSlot } from "./types.js";
import { daysInMonth, isoDate, toShanghai } from "../../domain/shanghai-time.js";
import { monthPeriod, quarterPeriod, yearPeriod } from "../../domain/reporting-period.js";

export interface PeriodMatch {
  slot: PeriodSlot;
  /** Spans of the text that named it (year prefix and period), for the caller to mask. */
  spans: Array<[number, number]>;
}

const MONTH = "(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])";
/** 前 / 头 + a count: the first N months or quarters of the year. */
const FIRST_N = "(?:前|头)\\s*(1[0-2]|[1-9]|十[一二]?|[一二两三四五六七八九])\\s*";

/** A month, quarter or count numeral (十一, 3, 三) through the one grammar (domain/numerals.ts). */
function numberOf(s: string): number {
  return parseNumeral(s) ?? 0;
}

type Sub =
  | { kind: "month"; month: number; offset?: never }
  | { kind: "relMonth"; offset: number }
  | { kind: "range"; from: number; to: number }
  | { kind: "ytd"; yearNamed?: boolean }
  | { kind: "quarter"; quarter: number }
  | { kind: "relQuarter"; offset: number }
  | { kind: "half"; half: 1 | 2 }
  | { kind: "rolling"; months: number };

// Tried in order; the first that matches names the period (specific before vague).
const RULES: Array<[RegExp, (m: RegExpExecArray) => Sub]> = [
  [new RegExp(`${MONTH}\\s*月?(?:份)?\\s*(?:-|~|～|至|到|—|－)\\s*${MONTH}\\s*月(?:份)?`), (m) => ({ kind: "range", from: numberOf(m[1]!), to: numberOf(m[2]!) })],
  [/第?([一二三四1-4])\s*季度?\s*(?:-|~|～|至|到|—|－)\s*第?([一二三四1-4])\s*季度/, (m) => ({ kind: "range", from: numberOf(m[1]!) * 3 - 2, to: numberOf(m[2]!) * 3 })],
  [new RegExp(`${FIRST_N}个?季度?`), (m) => ({ kind: "range", from: 1, to: numberOf(m[1]!) * 3 })],
  [new RegExp(`${FIRST_N}个?月`), (m) => ({ kind: "range", from: 1, to: numberOf(m[1]!) })],
  [new RegExp(`(?:最近|近|过去)\\s*(1[0-2]|[1-9]|十[一二]?|[一二两三四五六七八九])\\s*个月`), (m) => ({ kind: "rolling", months: numberOf(m[1]!) })],
  [/前半年|头半年/, () => ({ kind: "half", half: 1 })],
  [new RegExp(`(?:截至|截止到?|到)\\s*${MONTH}\\s*月(?:份)?(?:底|末)?`), (m) => ({ kind: "range", from: 1, to: numberOf(m[1]!) })],
  [/本月|这个月|这一?月|当月|此月/, () => ({ kind: "relMonth", offset: 0 })],
  [/上上个?月/, () => ({ kind: "relMonth", offset: -2 })],
  [/上个?月|上一个?月/, () => ({ kind: "relMonth", offset: -1 })],
  [/下个?月|下一个?月/, () => ({ kind: "relMonth", offset: 1 })],
  [new RegExp(`(?<![个每第\\d])${MONTH}\\s*月(?:份)?`), (m) => ({ kind: "month", month: numberOf(m[1]!) })],
  [/本季度?|这个?季度|当季度?/, () => ({ kind: "relQuarter", offset: 0 })],
  [/上个?季度|上一个?季度|上季/, () => ({ kind: "relQuarter", offset: -1 })],
  [/第?([一二三四1-4])\s*季度?|[qQ]([1-4])/, (m) => ({ kind: "quarter", quarter: numberOf(m[1] ?? m[2]!) })],
  [/上半年/, () => ({ kind: "half", half: 1 })],
  [/下半年/, () => ({ kind: "half", half: 2 })],
  // Last: "上半年累计" is the first half, not year to date.
  [/年初以来|年初至今|年初到现在/, () => ({ kind: "ytd", yearNamed: true })],
  [/截至目前|截止目前|截至现在|截止到?现在|到目前为止|目前为止|今年以来|至今|迄今|累计|到现在/, () => ({ kind: "ytd" })],
];

const YEAR = /(\d{4}|[〇零一二三四五六七八九]{4})\s*年度?|今年度?|本年度?|去年度?|上一?年度?(?![半底])|前年|明年|全年|年度(?!考核|工作|报告)/;

function yearOf(token: string, current: number): number {
  const digits = /^(\d{4}|[〇零一二三四五六七八九]{4})/.exec(token);
  if (digits) return parseNumeral(digits[1]!) ?? current;
  if (token.startsWith("去") || token.startsWith("上")) return current - 1;
  if (token.startsWith("前")) return current - 2;
  if (token.startsWith("明")) return current + 1;
  return current;
}

/** The period a message names, or null. */
export function findPeriod(text: string, now: Date): PeriodMatch | null {
  const today = toShanghai(now);
  const y = YEAR.exec(text);
  const explicitYear = y ? yearOf(y[0], today.year) : null;
  const yearSpan: Array<[number, number]> = y ? [[y.index, y.index + y[0].length]] : [];
  for (const [re, make] of RULES) {
    const m = re.exec(text);
    if (!m) continue;
    const sub = make(m);
    const slot = resolve(sub, explicitYear, today.year, today.month);
    if (!slot) continue;
    return { slot, spans: [...yearSpan, [m.index, m.index + m[0].length]] };
  }
  if (explicitYear !== null) return { slot: yearSlot(explicitYear), spans: yearSpan };
  return null;
}

function resolve(sub: Sub, explicitYear: number | null, year: number, month: number): PeriodSlot | null {
  // Without a year named: a period starting two or more months after the current one is last year's;
  // one starting next month (or earlier) is this year's.
  const pick = (startMonth: number) => explicitYear ?? (startMonth > month + 1 ? year - 1 : year);
  switch (sub.kind) {
    case "ytd":
      // 今年累计 / 2020年以来 / 年初以来: the year is named → that whole year.
      if (explicitYear !== null || sub.yearNamed) return yearSlot(explicitYear ?? year);
      return rangeSlot(year, 1, month);
    case "rolling": {
      // 近三个月 in November: September through November (the current month included).
      if (sub.months < 1) return null;
      const last = year * 12 + (month - 1);
      const first = last - sub.months + 1;
      const [y1, m1] = [Math.floor(first / 12), (first % 12) + 1];
      if (y1 === year) return rangeSlot(year, m1, month);
      return { start: isoDate(y1, m1, 1), end: isoDate(year, month, daysInMonth(year, month)), label: `${y1}年${m1}月-${year}年${month}月`, kind: "range" };
    }
    case "relMonth": {
      const index = year * 12 + (month - 1) + sub.offset;
      return monthSlot(Math.floor(index / 12), (index % 12) + 1);
    }
    case "month":
      return sub.month >= 1 && sub.month <= 12 ? monthSlot(pick(sub.month), sub.month) : null;
    case "range":
      if (sub.from < 1 || sub.to > 12 || sub.from > sub.to) return null;
      return rangeSlot(pick(sub.from), sub.from, sub.to);
    case "relQuarter": {
      const index = year * 4 + Math.floor((month - 1) / 3) + sub.offset;
      return quarterSlot(Math.floor(index / 4), (index % 4) + 1);
    }
    case "quarter":
      return sub.quarter >= 1 && sub.quarter <= 4 ? quarterSlot(pick(sub.quarter * 3 - 2), sub.quarter) : null;
    case "half":
      return halfSlot(pick(sub.half === 1 ? 1 : 7), sub.half);
  }
}

export function monthSlot(year: number, month: number): PeriodSlot {
  return { ...monthPeriod(year, month), kind: "month" };
}

export function currentMonthSlot(now: Date): PeriodSlot {
  const t = toShanghai(now);
  return monthSlot(t.year, t.month);
}

function rangeSlot(year: number, from: number, to: number): PeriodSlot {
  return { start: isoDate(year, from, 1), end: isoDate(year, to, daysInMonth(year, to)), label: `${year}年${from}-${to}月`, kind: "range" };
}

function quarterSlot(year: number, q: number): PeriodSlot {
  return { ...quarterPeriod(year, q), kind: "quarter" };
}

function halfSlot(year: number, half: 1 | 2): PeriodSlot {
  return half === 1
    ? { start: isoDate(year, 1, 1), end: isoDate(year, 6, 30), label: `${year}年上半年`, kind: "half" }
    : { start: isoDate(year, 7, 1), end: isoDate(year, 12, 31), label: `${year}年下半年`, kind: "half" };
}

function yearSlot(year: number): PeriodSlot {
  return { ...yearPeriod(year), kind: "year" };
}
