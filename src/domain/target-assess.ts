// Judging a reported figure against one part of a typed target, and how a year's reports add up.
import type { QuantitativePart, TypedTarget } from "./target-types.js";
import { DEFAULT_TOLERANCE } from "./target-words.js";

export interface Assessment {
  met: boolean;
  /** Completion in [0, 1]; 1 exactly when met. Over-achievement is not rewarded beyond 1. */
  ratio: number;
}

const clamp = (x: number) => Math.min(1, Math.max(0, x));

/**
 * `value` is in the part's own scale (98.5 for 98.5%).
 * 正向 ≥: ratio = value / target. 正向 >: not met at exactly the target, so ratio stops at 0.99.
 * ≈ and =: met within the tolerance (≈) or exactly (=); otherwise ratio = smaller / larger, so
 * overshooting "15场左右" by a lot counts against it as much as falling short.
 * 反向 (≤, <): the absolute value is judged (a deviation of −3% is as far off as +3%); when not met,
 * ratio = target / value, or for a zero target 1 − value/100 for % and 1 / (1 + value) for counts.
 */
export function assessValue(part: QuantitativePart, value: number): Assessment {
  const t = part.value;
  const v = part.direction === "negative" ? Math.abs(value) : value;
  switch (part.comparator) {
    case ">=": {
      const met = v >= t;
      return { met, ratio: met ? 1 : t > 0 ? clamp(v / t) : 0 };
    }
    case ">": {
      const met = v > t;
      return { met, ratio: met ? 1 : t > 0 ? Math.min(0.99, clamp(v / t)) : 0 };
    }
    case "=": {
      const met = Math.abs(v - t) <= 1e-9 * Math.max(1, Math.abs(t));
      return { met, ratio: met ? 1 : closeness(v, t) };
    }
    case "≈": {
      const met = Math.abs(v - t) <= (part.tolerance ?? DEFAULT_TOLERANCE) * Math.abs(t);
      return { met, ratio: met ? 1 : closeness(v, t) };
    }
    case "<=":
    case "<": {
      const met = part.comparator === "<=" ? v <= t : v < t;
      return { met, ratio: met ? 1 : shortfallBelow(part, v) };
    }
  }
}

function closeness(v: number, t: number): number {
  return v > 0 && t > 0 ? Math.min(v, t) / Math.max(v, t) : 0;
}

function shortfallBelow(part: QuantitativePart, v: number): number {
  const t = part.value;
  if (t > 0) return clamp(t / v);
  if (t < 0) return 0;
  return part.unit === "%" ? clamp(1 - v / 100) : clamp(1 / (1 + v));
}

/**
 * How a year's progress reports combine, read from the first quantitative part: rates (% or a
 * …率 label) take the latest report, counts add up, qualitative targets track a status.
 */
export function defaultAggregation(t: TypedTarget): "sum" | "latest" | "status" {
  const q = t.parts.find((p): p is QuantitativePart => p.kind === "quantitative");
  if (!q) return "status";
  return q.unit === "%" || /率$/.test(q.label ?? "") ? "latest" : "sum";
}
