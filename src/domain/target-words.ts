// The words parseTarget (target.ts) reads targets with: comparator words before and after the number,
// the words that make a target 反向, and how a comparator is shown. Units are domain/units.ts, Chinese
// numerals domain/numerals.ts. Kept apart from the parser so adding a word is a one-line change here.
import type { Comparator } from "./target-types.js";

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
