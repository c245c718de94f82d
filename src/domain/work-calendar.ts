// Working days in mainland China: Monday–Friday, minus the State Council's statutory holidays,
// plus the weekend days it declares make-up workdays (调休上班). Pure: the holiday data is passed
// in (data/holidays-cn.json, read by src/reminders/holidays-file.ts).
import { addDays, weekdayOf, type IsoDate } from "./shanghai-time.js";

export interface HolidayRange {
  name: string;
  from: IsoDate;
  to: IsoDate;
}

export interface HolidayYear {
  source: string;
  /** false = entered before the notice could be checked; `calendar show` flags it. */
  verified: boolean;
  holidays: HolidayRange[];
  workdays: IsoDate[];
}

export interface WorkCalendar {
  years: Record<string, HolidayYear>;
}

export type DayKind = "workday" | "weekend" | "holiday" | "makeup-workday";

export interface DayInfo {
  kind: DayKind;
  /** The holiday's name for holidays, e.g. 国庆节. */
  name?: string;
}

export function dayInfo(cal: WorkCalendar, date: IsoDate): DayInfo {
  // Every year is searched: a range may start in the previous year (元旦 2024: 2023-12-30 …).
  for (const year of Object.values(cal.years)) {
    // ISO dates compare correctly as strings.
    const h = year.holidays.find((r) => r.from <= date && date <= r.to);
    if (h) return { kind: "holiday", name: h.name };
    if (year.workdays.includes(date)) return { kind: "makeup-workday" };
  }
  const wd = weekdayOf(date);
  return wd === 0 || wd === 6 ? { kind: "weekend" } : { kind: "workday" };
}

export function isWorkingDay(cal: WorkCalendar, date: IsoDate): boolean {
  const k = dayInfo(cal, date).kind;
  return k === "workday" || k === "makeup-workday";
}

/** `date` itself when it is a working day, else the next one. */
export function onOrNextWorkingDay(cal: WorkCalendar, date: IsoDate): IsoDate {
  let d = date;
  // The longest run of days off is 9 (春节 2026); 60 is a generous safety stop.
  for (let i = 0; i < 60; i++, d = addDays(d, 1)) if (isWorkingDay(cal, d)) return d;
  throw new Error(`no working day within 60 days of ${date}`);
}

/**
 * Moves `n` working days from `date`: n > 0 forward, n < 0 backward, 0 = `date` itself.
 * "3 working days before the deadline" is shiftWorkingDays(cal, deadline, -3).
 */
export function shiftWorkingDays(cal: WorkCalendar, date: IsoDate, n: number): IsoDate {
  let d = date;
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0; ) {
    d = addDays(d, step);
    if (isWorkingDay(cal, d)) left--;
  }
  return d;
}

/** Whether the calendar holds the holiday notice of `year` (otherwise weekends only). */
export function knowsYear(cal: WorkCalendar, year: number): boolean {
  return cal.years[String(year)] !== undefined;
}
