// The reporting calendar. Every month-end opens a reporting *cycle* named after that month
// ("2021-11"): the monthly period of that month, plus the quarter when the month ends one, plus the
// year in December. All of a cycle's periods share one deadline (default: the 5th of the following
// month, moved to the next working day), so a section head gets one message per cycle, not three.
import { daysInMonth, isoDate, parseIsoDate, type IsoDate } from "./shanghai-time.js";
import { onOrNextWorkingDay, type WorkCalendar } from "./work-calendar.js";

export type { Cadence } from "./reporting-period.js";
export { DEFAULT_CADENCE, type CadenceDefaults } from "./missing.js";
import { monthPeriod, quarterPeriod, yearPeriod, type Cadence } from "./reporting-period.js";

export interface ReportingPeriod {
  key: string; // "2021-11" | "2021-Q4" | "2021"
  cadence: Cadence;
  start: IsoDate;
  end: IsoDate;
  label: string; // "2021年11月" | "2021年第四季度" | "2021年"
}

export interface Cycle {
  key: string; // "2021-11"
  year: number;
  month: number;
  periods: Partial<Record<Cadence, ReportingPeriod>>;
  deadline: IsoDate;
}

export function cycleKey(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, "0")}`;
}

export function parseCycleKey(key: string): { year: number; month: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (!m) throw new Error(`not a cycle key (YYYY-MM): ${key}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** The nominal deadline day is clamped to the month (a configured 31 means the last day). */
export function cycleDeadline(cal: WorkCalendar, year: number, month: number, deadlineDay: number): IsoDate {
  const y = month === 12 ? year + 1 : year;
  const m = month === 12 ? 1 : month + 1;
  return onOrNextWorkingDay(cal, isoDate(y, m, Math.min(deadlineDay, daysInMonth(y, m))));
}

export function makeCycle(cal: WorkCalendar, year: number, month: number, deadlineDay: number): Cycle {
  const key = cycleKey(year, month);
  const periods: Cycle["periods"] = {
    monthly: { key, cadence: "monthly", ...monthPeriod(year, month) },
  };
  if (month % 3 === 0) {
    const q = month / 3;
    periods.quarterly = { key: `${year}-Q${q}`, cadence: "quarterly", ...quarterPeriod(year, q) };
  }
  if (month === 12) {
    periods.yearly = { key: String(year), cadence: "yearly", ...yearPeriod(year) };
  }
  return { key, year, month, periods, deadline: cycleDeadline(cal, year, month, deadlineDay) };
}

/** The cycle `months` months after (or before, when negative) year/month. */
export function shiftMonth(year: number, month: number, months: number): { year: number; month: number } {
  const i = year * 12 + (month - 1) + months;
  return { year: Math.floor(i / 12), month: (i % 12) + 1 };
}

/** The cycle people are working towards on `date`: the first whose deadline is on or after it. */
export function currentCycle(cal: WorkCalendar, date: IsoDate, deadlineDay: number): Cycle {
  const { year, month } = parseIsoDate(date);
  const prev = shiftMonth(year, month, -1);
  const previous = makeCycle(cal, prev.year, prev.month, deadlineDay);
  return previous.deadline >= date ? previous : makeCycle(cal, year, month, deadlineDay);
}
