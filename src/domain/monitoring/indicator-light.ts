// The pace light of one indicator from its year-to-date progress (domain/progress.ts). Rules
// (MONITORING.md §3 and "Recommended spec"); the choices made where sources are silent are marked ★.
import type { Progress } from "../progress.js";
import type { TypedTarget } from "../target-types.js";
import { assessValue } from "../target-assess.js";
import { DEFAULT_TOLERANCE } from "../target-words.js";
import { bandLight, type Light, type LightBands } from "./lights.js";

/** 定性 status → light: 完成 green, 推进中 yellow, 未启动 red. */
export type StatusLights = Record<string, Light>;

export interface IndicatorLightInput {
  target: TypedTarget;
  progress: Progress;
  /** t = m/12 for the monitoring month. */
  t: number;
  /** Through month m (1–12). */
  throughMonth: number;
  bands: LightBands;
  statusLights: StatusLights;
  /** Milestone targets: the month each milestone is due (ascending), from the milestones data. */
  dueMonths?: readonly number[];
  /**
   * The period the indicator still owes at the monitoring month's end, as src/domain/missing.ts
   * says ("2021年7月"), or null. Owed data makes the light grey: never red by silence.
   */
  owed?: string | null;
}

export interface IndicatorLight {
  light: Light;
  /** The pace ratio the band was read from (A/(T·t), A/T for rates), when there is one. */
  ratio: number | null;
  /** What the target still needs by year end in the progress unit (counts only), ≥ 0. */
  remaining: number | null;
  /** Short Chinese reason: "目标可能偏低", "指标值待定", "无数据"… */
  note: string | null;
}

export function indicatorLight(input: IndicatorLightInput): IndicatorLight {
  const { progress: p, target, t, bands } = input;
  if (target.parts.some((x) => x.kind === "qualitative" && x.placeholder) && !target.parts.some((x) => x.kind === "quantitative")) {
    return { light: "grey", ratio: null, remaining: null, note: "指标值待定" };
  }
  // Grey = data missing, by THE definition of missing (domain/missing.ts, passed in as `owed`); an
  // indicator with nothing reported that owes nothing yet (a yearly one in July) has nothing to judge.
  if (input.owed) return { light: "grey", ratio: null, remaining: null, note: `${input.owed}未报` };
  if (p.pace === "no_data") return { light: "grey", ratio: null, remaining: null, note: "无数据" };
  if (p.aggregation === "status") {
    // ★ An unknown status word is yellow (reported, but not known to be done).
    return { light: input.statusLights[p.status ?? ""] ?? "yellow", ratio: null, remaining: null, note: null };
  }
  const part = p.part;
  const actual = p.actual;
  if (!part || actual === null) return { light: "grey", ratio: null, remaining: null, note: "无数据" };
  const remaining = p.aggregation === "sum" && part.direction === "positive" ? Math.max(0, part.value - actual) : null;

  if (input.dueMonths && input.dueMonths.length > 0) {
    // Milestones ("动员部署、年中调度、年底考核各1次"): each due milestone must be done by its month.
    const due = input.dueMonths.filter((m) => m <= input.throughMonth).length;
    const light: Light = actual >= due ? "green" : "red";
    return { light, ratio: due > 0 ? actual / due : null, remaining: Math.max(0, input.dueMonths.length - actual), note: due === 0 ? "尚无到期节点" : null };
  }
  if (part.direction === "negative") {
    return { light: assessValue(part, actual).met ? "green" : "red", ratio: null, remaining: null, note: null };
  }
  if (p.aggregation === "latest") {
    // ★ A rate is a level, not an accumulation: judged against T without t; not met is at best yellow.
    const { met } = assessValue(part, actual);
    const ratio = part.value > 0 ? actual / part.value : 1;
    if (met) return { light: "green", ratio, remaining: null, note: null };
    const band = bandLight(ratio, bands);
    return { light: band === "green" ? "yellow" : band, ratio, remaining: null, note: null };
  }
  const expected = part.value * t;
  const ratio = expected > 0 ? actual / expected : 1;
  if (part.comparator === "≈") {
    // ≈ (15场左右): inside the tolerance band of the time-scaled target is green.
    const tol = part.tolerance ?? DEFAULT_TOLERANCE;
    if (Math.abs(ratio - 1) <= tol) return { light: "green", ratio, remaining, note: null };
    if (ratio > 1) return { light: "blue", ratio, remaining, note: "超出“左右”范围，目标可能偏低" };
    return { light: bandLight(ratio, bands), ratio, remaining, note: null };
  }
  const light = bandLight(ratio, bands, true);
  return { light, ratio, remaining, note: light === "blue" ? "目标可能偏低" : null };
}

/**
 * "还需每月约 67 人次": what is still needed per remaining month, rounded up; null when nothing
 * remains or no month is left.
 */
export function neededPerMonth(remaining: number | null, throughMonth: number, monthsInYear = 12): number | null {
  const left = monthsInYear - throughMonth;
  if (remaining === null || remaining <= 0 || left <= 0) return null;
  return Math.ceil(remaining / left);
}
