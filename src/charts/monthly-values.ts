// An indicator's values month by month and the pace line to its target, for the charts and the
// dashboard. Figures come from the year-to-date progress (domain/progress.ts: its standing report
// points and its target part); the pace line is T × timeProgress(m) (domain/monitoring/lights.ts),
// the same t the light is judged against — nothing here judges anything.
import { timeProgress, type TimeProgressSetting } from "../domain/monitoring/lights.js";
import type { IndicatorRow } from "../monitoring/monitoring-view.js";

export interface MonthlySeries {
  /** 1…monthsInYear. */
  months: number[];
  /** Year-to-date value at the end of each month through the monitoring month (null: none yet), then null. */
  values: (number | null)[];
  /** T × t(m) for every month (counts) or T (rates, levels); null when the target has no number. */
  pace: (number | null)[];
  target: number | null;
  unit: string | null;
  /** "sum": values accumulate; "latest": each month's latest level. */
  aggregation: "sum" | "latest" | "status";
}

const monthOf = (iso: string) => Number(iso.slice(5, 7));

export function monthlySeries(row: IndicatorRow, throughMonth: number, setting: TimeProgressSetting): MonthlySeries {
  const p = row.progress;
  const n = setting.monthsInYear;
  const months = Array.from({ length: n }, (_, i) => i + 1);
  const part = p.part;
  const aggregation = p.aggregation === "sum" ? "sum" : p.aggregation === "status" ? "status" : "latest";
  // Only points in the part's unit count (a compound target's other part is another series).
  const points = p.points.filter((x) => x.value !== null && (part === null || x.unit === null || x.unit === part.unit));
  const values = months.map((m) => {
    if (m > throughMonth || aggregation === "status") return null;
    const upTo = points.filter((x) => monthOf(x.periodEnd) <= m);
    if (upTo.length === 0) return null;
    if (aggregation === "sum") return round(upTo.reduce((s, x) => s + (x.value ?? 0), 0));
    return upTo.at(-1)!.value;
  });
  const target = part ? part.value : null;
  const pace = months.map((m) => (target === null ? null : aggregation === "sum" ? round(target * timeProgress(m, setting)) : target));
  return { months, values, pace, target, unit: p.unit ?? part?.unit ?? null, aggregation };
}

const round = (x: number) => Math.round(x * 100) / 100;
