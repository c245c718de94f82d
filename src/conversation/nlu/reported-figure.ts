// Which figure of a message is the reported one: a figure written as the target ("任务100篇完成了80篇"
// reports 80; "24期的任务，本月3期" reports 3) is passed over when another one is there.
import type { IndicatorDoc } from "./types.js";
import type { NumberMention } from "./numbers.js";
import { indicatorUnit } from "./unit-reading.js";
import { sameUnitFamily } from "../../domain/units.js";

/** Words before a figure that make it the target, not the report ("任务100篇完成了80篇" reports 80). */
const TARGET_BEFORE = /(?:任务|目标|要求|计划|指标|标准|大于|不少于|不低于|至少|超过|[>≥])(?:是|为|数|值|量)?\s*$/;
/** Words after a figure that make it the target ("24期的任务，本月3期"). */
const TARGET_AFTER = /^\s*的?(?:目标|任务|指标|要求)/;

export function isTargetFigure(text: string, n: NumberMention): boolean {
  return TARGET_BEFORE.test(text.slice(Math.max(0, n.start - 6), n.start)) || TARGET_AFTER.test(text.slice(n.end, n.end + 4));
}

/**
 * The reported quantity: one with a unit the indicator uses, else one with any unit, else the last;
 * a figure written as the target is passed over when another one is there.
 */
export function pickValue(text: string, all: NumberMention[], doc: IndicatorDoc | null): NumberMention | null {
  const reported = all.filter((n) => !isTargetFigure(text, n));
  const numbers = reported.length ? reported : all;
  if (!numbers.length) return null;
  const fits = doc ? numbers.find((n) => n.unit && doc.units.some((u) => sameUnitFamily(u, indicatorUnit(n.unit, doc.units)!))) : undefined;
  return fits ?? numbers.find((n) => n.unit) ?? numbers[numbers.length - 1]!;
}
