// Reporting periods of an indicator: its cadence (monthly / quarterly / yearly) and calendar
// periods (Asia/Shanghai dates). Which period is owed is src/domain/missing.ts.
import { daysInMonth, isoDate, type IsoDate } from "./shanghai-time.js";

export type Cadence = "monthly" | "quarterly" | "yearly";
export type Aggregation = "sum" | "latest" | "status";

export interface CalendarPeriod {
  start: IsoDate;
  end: IsoDate;
  label: string;
}

/** "2021年10月": the month's first to last day. */
export function monthPeriod(year: number, month: number): CalendarPeriod {
  return { start: isoDate(year, month, 1), end: isoDate(year, month, daysInMonth(year, month)), label: `${year}年${month}月` };
}

const QUARTER_NAMES = ["一", "二", "三", "四"];

/** "2021年第三季度" (quarter 1–4): its first month's first day to its last month's last day. */
export function quarterPeriod(year: number, quarter: number): CalendarPeriod {
  const first = (quarter - 1) * 3 + 1;
  return {
    start: isoDate(year, first, 1),
    end: isoDate(year, first + 2, daysInMonth(year, first + 2)),
    label: `${year}年第${QUARTER_NAMES[quarter - 1]}季度`,
  };
}

/** "2021年": 1 January to 31 December. */
export function yearPeriod(year: number): CalendarPeriod {
  return { start: isoDate(year, 1, 1), end: isoDate(year, 12, 31), label: `${year}年` };
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
