// THE definition of "missing" — what data the bureau still owes. Every consumer calls this file:
// the chat's "还有谁没报" and the ⚠️ of section lists (conversation), the reminders, the escalation
// and `reminders plan` (src/reminders/missing.ts), and the monitoring pace lights. Pure: the
// caller passes the indicators, their standing reports and the day.
//
// The rule, in order (source: issue 11 "one definition of missing"; the cadences and the "as of"
// reading of rates were the two consumers' shared ground before it):
// 1. Which indicators: every indicator of the goal table of `year` (one table per year).
// 2. Cadence: Indicator.cadence when set; otherwise by kind — a 定性 indicator (no number in its
//    target; aggregation "status") reports quarterly, every other one monthly (both defaults are
//    the reminder settings' `cadence`, DEFAULT_CADENCE unless configured).
// 3. Which period is asked for: only the LATEST period of that cadence inside `year` that has
//    ended before the day in question. Older gaps are not asked again: one question per
//    indicator, never a backlog.
// 4. From which day a period counts as due: the day after it ends (2021年10月 from 2021-11-01,
//    第三季度 from 2021-10-01, the year 2021 from 2022-01-01). Before that nothing is missing.
// 5. What covers it: a standing report (not superseded, not withdrawn) whose period overlaps it
//    (a 1-11月 cumulative figure covers November). Rates and 定性 statuses ("latest"/"status")
//    are "as of" values: a standing report ending on or after the period's end covers it too.
// 6. Exempt: a 定性 indicator whose latest standing status is 已完成 ("done") owes nothing more
//    that year — finished work is not reported again.
import { monthPeriod, quarterPeriod, yearPeriod, type Aggregation, type Cadence } from "./reporting-period.js";
import { parseIsoDate, type IsoDate } from "./shanghai-time.js";

export interface CadenceDefaults {
  /** Indicators with at least one number in their target. */
  quantitative: Cadence;
  /** 定性 indicators: every part of the target is qualitative (应做尽做, 按时完成 …). */
  qualitative: Cadence;
}

export const DEFAULT_CADENCE: CadenceDefaults = { quantitative: "monthly", qualitative: "quarterly" };

/** What the rule needs of an indicator. `aggregation` "status" = 定性. */
export interface MissingIndicator {
  cadence: Cadence | null;
  aggregation: Aggregation;
}

/** A standing report (not superseded, not withdrawn). Dates are Asia/Shanghai "YYYY-MM-DD". */
export interface StandingPeriod {
  periodStart: IsoDate;
  periodEnd: IsoDate;
  status?: string | null;
}

export interface OwedPeriod {
  /** "2021-10" | "2021-Q3" | "2021" */
  key: string;
  cadence: Cadence;
  start: IsoDate;
  end: IsoDate;
  /** "2021年10月" | "2021年第三季度" | "2021年" */
  label: string;
}

/** Rule 2. */
export function cadenceOf(ind: MissingIndicator, defaults: CadenceDefaults = DEFAULT_CADENCE): Cadence {
  return ind.cadence ?? (ind.aggregation === "status" ? defaults.qualitative : defaults.quantitative);
}

/** Rules 3 and 4: the latest period of `cadence` in `year` ended before `day`; null when none has. */
export function latestDuePeriod(cadence: Cadence, year: number, day: IsoDate): OwedPeriod | null {
  const d = parseIsoDate(day);
  // Months of `year` fully ended before `day`: all 12 once `day` is in a later year.
  const closedMonths = d.year > year ? 12 : d.year < year ? 0 : d.month - 1;
  if (cadence === "monthly") {
    if (closedMonths === 0) return null;
    const m = closedMonths;
    return { key: `${year}-${String(m).padStart(2, "0")}`, cadence, ...monthPeriod(year, m) };
  }
  if (cadence === "quarterly") {
    const q = Math.floor(closedMonths / 3);
    if (q === 0) return null;
    return { key: `${year}-Q${q}`, cadence, ...quarterPeriod(year, q) };
  }
  return closedMonths === 12 ? { key: String(year), cadence, ...yearPeriod(year) } : null;
}

/** Rule 6. `reports` in any order; the latest is the one with the latest period end, then start. */
export function isExempt(ind: MissingIndicator, reports: StandingPeriod[]): boolean {
  if (ind.aggregation !== "status") return false;
  const latest = [...reports]
    .filter((r) => r.status)
    .sort((a, b) => a.periodEnd.localeCompare(b.periodEnd) || a.periodStart.localeCompare(b.periodStart))
    .at(-1);
  return latest?.status === "done";
}

/** Rule 5. */
export function covers(ind: MissingIndicator, period: { start: IsoDate; end: IsoDate }, r: StandingPeriod): boolean {
  const overlaps = r.periodStart <= period.end && period.start <= r.periodEnd;
  return overlaps || (ind.aggregation !== "sum" && r.periodEnd >= period.end);
}

/**
 * The period this indicator still owes on `day` for the goal table of `year`, or null when
 * nothing is owed (up to date, exempt, or no period due yet). `reports`: its standing reports.
 */
export function owedPeriod(
  ind: MissingIndicator,
  reports: StandingPeriod[],
  year: number,
  day: IsoDate,
  defaults: CadenceDefaults = DEFAULT_CADENCE,
): OwedPeriod | null {
  const period = latestDuePeriod(cadenceOf(ind, defaults), year, day);
  if (!period || isExempt(ind, reports)) return null;
  return reports.some((r) => covers(ind, period, r)) ? null : period;
}

/** Every indicator that owes something on `day`, in the given order, with the period it owes. */
export function missingOn<T extends MissingIndicator & { id: number }>(
  indicators: T[],
  reports: Array<StandingPeriod & { indicatorId: number }>,
  year: number,
  day: IsoDate,
  defaults: CadenceDefaults = DEFAULT_CADENCE,
): Array<{ indicator: T; period: OwedPeriod }> {
  const byIndicator = new Map<number, StandingPeriod[]>();
  for (const r of reports) byIndicator.set(r.indicatorId, [...(byIndicator.get(r.indicatorId) ?? []), r]);
  return indicators.flatMap((indicator) => {
    const period = owedPeriod(indicator, byIndicator.get(indicator.id) ?? [], year, day, defaults);
    return period ? [{ indicator, period }] : [];
  });
}
