// The vocabulary parseTarget (target.ts) reads targets with: units, comparator words, Chinese numerals (domain/numerals.ts).
// Kept apart from the parser so adding a unit or a word is a one-line change here.
import type { Comparator } from "./target-types.js";

/** Units seen in goal tables. Sorted longest first so 人次 wins over 人 and 场次 over 场. */
export const UNITS: readonly string[] = [
  "%", "万元", "元", "人次", "人", "名", "位", "篇", "场次", "场", "本", "期", "个", "项", "件",
  "次", "天", "版面", "家", "处", "所", "户", "份", "册", "条", "批", "学时", "课时", "小时",
].sort((a, b) => b.length - a.length);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\%]/g, "\\$&");
export const UNIT_PATTERN = UNITS.map(escape).join("|");

/**
 * Cosmetic normalisation only (full-width ％, stray spaces). 人 and 人次 stay distinct, as written in
 * the target; use sameUnitFamily to decide whether a reported figure can be compared with a target.
 */
export function normaliseUnit(u: string): string {
  return u.trim().replace(/％/g, "%");
}

// Units that count the same thing in practice: a report of "820人次" answers a target "≥800人".
// 元 and 万元 are deliberately not a family: comparing them needs a conversion, not a match.
const FAMILIES: readonly (readonly string[])[] = [
  ["人", "人次", "名", "位"],
  ["场", "场次"],
  ["个", "项"],
  ["学时", "课时", "小时"],
  ["本", "册"],
  ["版", "版面"],
];

/** True when a value in unit `a` may be compared with a target in unit `b`; a missing unit matches any. */
export function sameUnitFamily(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return true;
  const x = normaliseUnit(a);
  const y = normaliseUnit(b);
  if (x === y) return true;
  return FAMILIES.some((f) => f.includes(x) && f.includes(y));
}

/**
 * Counting words staff write for an indicator's unit — "十二条" for 篇, "两个" for 场 / 版面 / 人,
 * "1.5万册" for 本 — by the unit they may stand for, most specific first.
 */
const WRITTEN_FOR: Record<string, readonly string[]> = {
  条: ["篇"], 个: ["版面", "场", "人", "期"], 册: ["本"], 次: ["场"], 版: ["版面"], 名: ["人"], 位: ["人"],
};

/**
 * The indicator's own unit that `written` stands for, when the indicator does not count in `written`
 * itself (nor its family): 条 → 篇 for a 篇 indicator, 个 → 场 for a 场 one; else null.
 */
export function asIndicatorUnit(written: string, units: readonly string[]): string | null {
  if (!units.length || units.some((u) => sameUnitFamily(written, u))) return null;
  return WRITTEN_FOR[normaliseUnit(written)]?.find((u) => units.includes(u)) ?? null;
}

/** Words before the number. Longest first so 不少于 is not read as 少于. */
export const PREFIX_COMPARATORS: readonly (readonly [string, Comparator])[] = (
  [
    ["不少于", ">="], ["不低于", ">="], ["不小于", ">="], ["至少", ">="], ["最少", ">="],
    ["达到", ">="], ["达", ">="], [">=", ">="], ["≥", ">="], ["＞=", ">="],
    ["不超过", "<="], ["不高于", "<="], ["不多于", "<="], ["不大于", "<="], ["至多", "<="],
    ["最多", "<="], ["控制在", "<="], ["<=", "<="], ["≤", "<="],
    ["大于", ">"], ["超过", ">"], ["多于", ">"], ["高于", ">"], [">", ">"], ["＞", ">"],
    ["小于", "<"], ["少于", "<"], ["低于", "<"], ["<", "<"], ["＜", "<"],
    ["大约", "≈"], ["约", "≈"], ["等于", "="], ["=", "="], ["＝", "="],
  ] as [string, Comparator][]
).sort((a, b) => b[0].length - a[0].length);

/** Words after the number and unit ("15场左右", "5%以内"). */
export const SUFFIX_COMPARATORS: readonly (readonly [string, Comparator])[] = [
  ["左右", "≈"], ["以上", ">="], ["以内", "<="], ["以下", "<="],
];

/** Indicator words that make a target 反向 (less is better). */
export const NEGATIVE_WORDS = /偏离|差错|错误|事故|投诉|失误|违规|违纪|超支|积压|发案/;

/** Relative tolerance of "左右" (about): 15场左右 is met by 12–18 场. */
export const DEFAULT_TOLERANCE = 0.2;

/** Symbol for display. */
export const COMPARATOR_SYMBOL: Record<Comparator, string> = {
  ">=": "≥", ">": ">", "=": "=", "≈": "≈", "<=": "≤", "<": "<",
};
