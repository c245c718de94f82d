// Which period a report is for when the message names none: the period being collected.
// Rule (issue 12): the indicator's last completed period (month, or quarter per its cadence) while it
// has no standing report for it — its collection is open (deadline ahead) or overdue — otherwise
// the current month. Whoever answers "调解成功率99.2%" to the 12月1日 reminder means November.
// "Still owed" is owedPeriod's definition (missing.ts, THE definition of missing), so the reminder,
// the overdue list and this default agree on what is still owed. Pure: callers pass the standing reports.
import { owedPeriod, type MissingIndicator, type StandingPeriod } from "./missing.js";
import { monthPeriod, type CalendarPeriod } from "./reporting-period.js";
import { parseIsoDate, type IsoDate } from "./shanghai-time.js";

export interface DefaultPeriod extends CalendarPeriod {
  kind: "month" | "quarter";
  /** True when the period is the one still owed (the card says so), false for the current month. */
  owed: boolean;
}

/**
 * The period a report naming none is for, on `today` (Asia/Shanghai date). `ind.reported` holds the
 * periods of the indicator's standing reports (an empty list: nothing reported yet). In January the
 * previous year's December belongs to last year's table and is not defaulted to.
 */
export function defaultReportPeriod(ind: MissingIndicator & { reported: StandingPeriod[] }, today: IsoDate): DefaultPeriod {
  const { year, month } = parseIsoDate(today);
  const owed = owedPeriod(ind, ind.reported, year, today);
  if (owed) return { start: owed.start, end: owed.end, label: owed.label, kind: isMonth(owed) ? "month" : "quarter", owed: true };
  return { ...monthPeriod(year, month), kind: "month", owed: false };
}

function isMonth(p: CalendarPeriod): boolean {
  return p.start.slice(0, 7) === p.end.slice(0, 7);
}
