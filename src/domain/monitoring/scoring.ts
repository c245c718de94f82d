// 自评 scoring per 财预〔2020〕10号 (MONITORING.md §1; formulas as coded in pmkpi). Pure; weights,
// qualitative bands and grade cut-offs come from data files. Scores are fractions × weight, not rounded
// here (the table rounds each row to 0.01 and the total is the sum of the rounded rows).
import type { QuantitativePart } from "../target-types.js";
import { DEFAULT_TOLERANCE } from "../target-words.js";

/** Budget execution: min(全年执行数 / 全年预算数, 1) × weight (10). Amounts in 万元. */
export function executionScore(executed: number, budget: number, weight = 10): number {
  if (!(budget > 0)) return 0;
  return Math.min(Math.max(executed, 0) / budget, 1) * weight;
}

/**
 * The fraction (0–1) of the weight a quantitative part earns with actual A (in the part's scale).
 * 正向 (≥, >): A ≥ T → 1, else A/T. ★ ">" is scored like "≥" (reaching T earns the full weight).
 * 反向 (≤, <): A ≤ T → 1; T < A < 2T → 1 − (A−T)/T; A ≥ 2T → 0. T = 0 (零差错, 偏离率 0%): A ≤ 0 → 1
 * else 0. 反向 values are judged by their size (a −3% deviation is as far off as +3%).
 * 等于 (=) with T = 0 as 反向; = with T ≠ 0: exact → 1, else min/max.
 * ≈ (左右): inside T·(1 ± tolerance) → 1; below → A/T; ★ above the band → 1 (flagged by the light).
 */
export function quantitativeFraction(part: Pick<QuantitativePart, "comparator" | "value" | "direction" | "tolerance">, actual: number): number {
  const T = part.value;
  if (part.direction === "negative" || part.comparator === "<=" || part.comparator === "<") {
    const A = Math.abs(actual);
    if (T <= 0) return A <= 0 ? 1 : 0;
    if (A <= T) return 1;
    if (A >= 2 * T) return 0;
    return 1 - (A - T) / T;
  }
  const A = actual;
  if (part.comparator === "=") {
    if (T === 0) return A === 0 ? 1 : 0;
    if (A === T) return 1;
    return A > 0 && T > 0 ? Math.min(A, T) / Math.max(A, T) : 0;
  }
  if (T <= 0) return A >= T ? 1 : 0;
  if (part.comparator === "≈") {
    const tol = part.tolerance ?? DEFAULT_TOLERANCE;
    if (A >= T * (1 - tol)) return 1;
    return Math.max(0, A / T);
  }
  return A >= T ? 1 : Math.max(0, A / T);
}

export type QualitativeBandName = "achieved" | "partial" | "not_achieved";

/** Share of the weight, inclusive at both ends: 达成 0.8–1, 部分达成 0.6–0.8, 未达成 0–0.6. */
export type QualitativeBands = Record<QualitativeBandName, { min: number; max: number; label: string }>;

export class ScoreOutOfBandError extends Error {}

/**
 * A 定性 part's fraction: `chosen` (a fraction of the weight picked by the evaluator) must lie inside
 * the band (pmkpi rejects it otherwise); without a choice, the band's top.
 */
export function qualitativeFraction(band: QualitativeBandName, bands: QualitativeBands, chosen?: number): number {
  const b = bands[band];
  if (chosen === undefined) return b.max;
  if (chosen < b.min || chosen > b.max) {
    throw new ScoreOutOfBandError(`${b.label}的得分须在${b.min * 100}%–${b.max * 100}%之间`);
  }
  return chosen;
}

/** Compound targets: the mean of their parts' fractions. */
export function compoundFraction(fractions: readonly number[]): number {
  if (fractions.length === 0) return 0;
  return fractions.reduce((s, f) => s + f, 0) / fractions.length;
}

export interface GradeBand {
  min: number;
  grade: string;
}

/** Grade of a total: the first band (ordered high to low) whose min the total reaches. */
export function gradeOf(total: number, bands: readonly GradeBand[]): string {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  for (const b of sorted) if (total >= b.min - 1e-9) return b.grade;
  return sorted.at(-1)?.grade ?? "";
}

/** Round to 0.01 (half away from zero), the precision of the 自评表. */
export function round2(n: number): number {
  return Math.sign(n) * Math.round(Math.abs(n) * 100 + 1e-9) / 100;
}

export interface WeightCheck {
  ok: boolean;
  sum: number;
  expected: number;
}

/** The indicator weights must add up to `expected` (90), to 0.01. */
export function checkWeights(weights: readonly number[], expected: number): WeightCheck {
  const sum = round2(weights.reduce((s, w) => s + w, 0));
  return { ok: Math.abs(sum - expected) < 0.005 + 1e-9, sum, expected };
}

/**
 * Equal weights over `n` indicators summing exactly to `total` at 0.01: the first rows take the
 * extra cents so the printed weights add up (90 / 49 → 1.84 × 33 + 1.83 × 16).
 */
export function equalWeights(n: number, total: number): number[] {
  if (n <= 0) return [];
  const cents = Math.round(total * 100);
  const base = Math.floor(cents / n);
  const extra = cents - base * n;
  return Array.from({ length: n }, (_, i) => (base + (i < extra ? 1 : 0)) / 100);
}
