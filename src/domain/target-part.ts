// Which part of a (possibly compound) typed target a reported figure is measured against.
import type { QuantitativePart, TypedTarget } from "./target-types.js";
import { sameUnitFamily } from "./units.js";

export function quantitativeParts(target: TypedTarget): QuantitativePart[] {
  return target.parts.filter((p): p is QuantitativePart => p.kind === "quantitative");
}

/**
 * The part a value in `unit` answers: the first same-unit-family part, preferring yearly totals over
 * per-week/per-month rates ("每周2期，全年100期" is judged on the 100). null when nothing fits.
 */
export function partForUnit(target: TypedTarget, unit: string | null): QuantitativePart | null {
  const fitting = quantitativeParts(target).filter((p) => sameUnitFamily(unit, p.unit));
  return fitting.find((p) => !p.per || p.per === "year") ?? fitting[0] ?? null;
}

/** The unit a bare number is read in: the main quantitative part's unit. */
export function defaultUnit(target: TypedTarget): string | null {
  return partForUnit(target, null)?.unit ?? null;
}
