// Reporting periods of an indicator: its cadence (monthly / quarterly / yearly) and the last period
// that is already closed at a given day (what "还有谁没报" checks). Calendar dates in Asia/Shanghai.
import { daysInMonth, isoDate, type IsoDate } from "./shanghai-time.js";

export type Cadence = "monthly" | "quarterly" | "yearly";
export type Aggregation = "sum" | "latest" | "status";

export interface CalendarPeriod {
  start: IsoDate;
  end: IsoDate;
  label: string;
}

/** null cadence = the global default: quarterly for 定性 (status) indicators, monthly otherwise. */
export function effectiveCadence(cadence: Cadence | null, aggregation: Aggregation): Cadence {
  return cadence ?? (aggregation === "status" ? "quarterly" : "monthly");
}

export function monthPeriod(year: number, month: number): CalendarPeriod {
  return { start: isoDate(year, month, 1), end: isoDate(year, month, daysInMonth(year, month)), label: `${year}年${month}月` };
}

const QUARTER_NAMES = ["一", "二", "三", "四"];

export function quarterPeriod(year: number, quarter: number): CalendarPeriod {
  const first = (quarter - 1) * 3 + 1;
  return {
    start: isoDate(year, first, 1),
    end: isoDate(year, first + 2, daysInMonth(year, first + 2)),
    label: `${year}年第${QUARTER_NAMES[quarter - 1]}季度`,
  };
}

/** The latest period of this cadence that ended before `today` (null when none in `today`'s year). */
export function lastClosedPeriod(cadence: Cadence, today: { year: number; month: number }): CalendarPeriod | null {
  if (cadence === "monthly") return today.month > 1 ? monthPeriod(today.year, today.month - 1) : null;
  if (cadence === "quarterly") {
    const q = Math.floor((today.month - 1) / 3); // quarters fully closed
    return q > 0 ? quarterPeriod(today.year, q) : null;
  }
  return null; // yearly: the year of the goal table closes only at its end
}

/** Whole days from start to end inclusive. */
export function lengthInDays(p: { start: IsoDate; end: IsoDate }): number {
  return Math.round((Date.parse(p.end) - Date.parse(p.start)) / 86_400_000) + 1;
}

export function overlaps(a: { start: IsoDate; end: IsoDate }, b: { start: IsoDate; end: IsoDate }): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** The longest single report a cadence accepts, in days (a quarter ≈ 92, a month ≤ 31). */
export function maxReportDays(cadence: Cadence): number {
  return cadence === "monthly" ? 31 : cadence === "quarterly" ? 92 : 366;
}
