// Where one indicator stands: the year-to-date value against its target, completed by its
// aggregation (counts add up, rates take the latest value, 定性 takes the latest status), and the
// pace against the elapsed part of the year. Pure: the caller passes the current reports.
import type { IsoDate } from "./shanghai-time.js";
import type { QuantitativePart, TypedTarget } from "./target-types.js";
import { assessValue } from "./target.js";
import { partForUnit } from "./target-part.js";
import { lengthInDays, type Aggregation } from "./reporting-period.js";

/** One current (not superseded, not withdrawn) report. */
export interface ReportPoint {
  periodStart: IsoDate;
  periodEnd: IsoDate;
  value: number | null;
  unit: string | null;
  status: string | null;
}

export interface ProgressInput {
  target: TypedTarget;
  aggregation: Aggregation;
  year: number;
  today: IsoDate;
  /** Restrict to a period (上半年, 二季度); default the whole year. */
  range?: { start: IsoDate; end: IsoDate };
  reports: ReportPoint[];
}

/** met: target reached; ahead/on_track/behind: against time; in_progress: 定性 under way. */
export type Pace = "met" | "ahead" | "on_track" | "behind" | "in_progress" | "no_data";

export interface Progress {
  aggregation: Aggregation;
  /** Sum (counts) or latest value (rates); null for 定性 or without reports. */
  actual: number | null;
  unit: string | null;
  /** 定性: latest status. */
  status: string | null;
  part: QuantitativePart | null;
  /** assessValue's ratio (1 = target reached); null when nothing to compare. */
  completion: number | null;
  /** Share of the year elapsed from the range start (1 January by default) to min(today, range end). */
  timeProgress: number;
  /** Where the time measure starts: 1 January, or a named period's first day (三季度 → 7月1日). */
  from: IsoDate;
  asOf: IsoDate;
  pace: Pace;
  points: ReportPoint[];
}

/** A count may trail time by this much (5 points) and still be "on track". */
const PACE_SLACK = 0.05;

export function computeProgress(input: ProgressInput): Progress {
  const yearStart = `${input.year}-01-01`;
  const yearEnd = `${input.year}-12-31`;
  const range = input.range ?? { start: yearStart, end: yearEnd };
  const points = input.reports
    .filter((r) => r.periodStart >= range.start && r.periodEnd <= range.end)
    .sort((a, b) => (a.periodStart === b.periodStart ? a.periodEnd.localeCompare(b.periodEnd) : a.periodStart.localeCompare(b.periodStart)));
  const asOf = input.today < range.end ? input.today : range.end;
  // A named period's counts are measured against that period's share of the year (三季度 ≈ 25%),
  // not against the time since 1 January — its reports start with the period too.
  const from = range.start > yearStart ? range.start : yearStart;
  const elapsed = asOf < from ? 0 : lengthInDays({ start: from, end: asOf });
  const timeProgress = Math.min(1, Math.max(0, elapsed / lengthInDays({ start: yearStart, end: yearEnd })));
  const base = { aggregation: input.aggregation, timeProgress, from, asOf, points };

  if (input.aggregation === "status") {
    const latest = points.filter((p) => p.status).at(-1);
    const status = latest?.status ?? null;
    const pace: Pace = status === "done" ? "met" : status ? "in_progress" : "no_data";
    return { ...base, actual: null, unit: null, status, part: null, completion: status === "done" ? 1 : null, pace };
  }

  const valued = points.filter((p) => p.value !== null);
  const part = partForUnit(input.target, valued[0]?.unit ?? null);
  const counted = part ? valued.filter((p) => partForUnit(input.target, p.unit) === part) : valued;
  if (counted.length === 0) {
    return { ...base, actual: null, unit: part?.unit ?? null, status: null, part, completion: null, pace: "no_data" };
  }
  const actual =
    input.aggregation === "sum" ? round(counted.reduce((s, p) => s + (p.value ?? 0), 0)) : counted.at(-1)!.value!;
  // Say it in the unit people report in (人次), which may differ from the target's (人) within a family;
  // when the months mix 人 and 人次, the one most of them used (ties: the latest), not just the last.
  const unit = mostUsedUnit(counted) ?? part?.unit ?? null;
  if (!part) return { ...base, actual, unit, status: null, part, completion: null, pace: "no_data" };
  const { met, ratio } = assessValue(part, actual);
  let pace: Pace;
  if (met) pace = "met";
  else if (input.aggregation === "latest" || part.direction === "negative") pace = "behind";
  else if (ratio >= timeProgress + PACE_SLACK) pace = "ahead";
  else if (ratio >= timeProgress - PACE_SLACK) pace = "on_track";
  else pace = "behind";
  return { ...base, actual, unit, status: null, part, completion: ratio, pace };
}

function mostUsedUnit(points: ReportPoint[]): string | null {
  const counts = new Map<string, number>();
  for (const p of points) if (p.unit) counts.set(p.unit, (counts.get(p.unit) ?? 0) + 1);
  let best: string | null = null;
  for (const p of [...points].reverse()) if (p.unit && (best === null || counts.get(p.unit)! > counts.get(best)!)) best = p.unit;
  return best;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
