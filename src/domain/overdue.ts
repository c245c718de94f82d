// Which indicators lack a report for their last closed reporting period. Pure. A report counts when
// its period overlaps that period (a quarterly figure covers its months). Rates and 定性 statuses
// are "as of" values: a later report also covers it (an up-to-date rate owes nothing for October).
// Yearly indicators are never overdue within their year.
import { effectiveCadence, lastClosedPeriod, overlaps, type Aggregation, type Cadence, type CalendarPeriod } from "./reporting-period.js";
import { parseIsoDate } from "./shanghai-time.js";

export interface OverdueInput {
  cadence: Cadence | null;
  aggregation: Aggregation;
  /** Periods of the indicator's standing reports. */
  reported: { periodStart: string; periodEnd: string }[];
}

/** The closed period this indicator still owes, or null when it is up to date. */
export function missingPeriod(ind: OverdueInput, today: string): CalendarPeriod | null {
  const { year, month } = parseIsoDate(today);
  const period = lastClosedPeriod(effectiveCadence(ind.cadence, ind.aggregation), { year, month });
  if (!period) return null;
  const asOf = ind.aggregation !== "sum";
  const covered = ind.reported.some(
    (r) => overlaps({ start: r.periodStart, end: r.periodEnd }, period) || (asOf && r.periodEnd >= period.end),
  );
  return covered ? null : period;
}
