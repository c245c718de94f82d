// The reporting calendar on the real holiday file: working days, deadlines moved off holidays,
// default cadences.
import { describe, expect, it } from "vitest";
import { currentCycle, makeCycle } from "../../src/domain/reporting-calendar.js";
import { dayInfo, isWorkingDay, onOrNextWorkingDay, shiftWorkingDays } from "../../src/domain/work-calendar.js";
import { parseHolidays, readHolidays } from "../../src/reminders/holidays-file.js";

const cal = readHolidays();

describe("working days (data/holidays-cn.json)", () => {
  it.each([
    ["2021-10-01", false, "国庆 holiday"],
    ["2021-10-09", true, "Saturday make-up workday after 国庆"],
    ["2021-09-18", true, "Saturday make-up workday before 中秋"],
    ["2021-02-07", true, "Sunday make-up workday before 春节"],
    ["2021-12-04", false, "plain Saturday"],
    ["2021-12-06", true, "plain Monday"],
    ["2022-01-03", false, "元旦 2022 Monday"],
    ["2022-01-29", true, "Saturday make-up workday before 春节 2022"],
    ["2026-02-23", false, "春节 2026 (to be verified)"],
    ["2026-02-28", true, "Saturday make-up workday after 春节 2026 (to be verified)"],
  ])("%s working=%s (%s)", (date, working) => {
    expect(isWorkingDay(cal, date)).toBe(working);
  });

  it("names holidays and falls back to weekends for unknown years", () => {
    expect(dayInfo(cal, "2021-09-20")).toEqual({ kind: "holiday", name: "中秋节" });
    expect(dayInfo(cal, "2030-06-01").kind).toBe("weekend");
    expect(dayInfo(cal, "2030-06-03").kind).toBe("workday");
  });

  it("shifts by working days across holidays and make-up days", () => {
    expect(shiftWorkingDays(cal, "2021-12-06", -3)).toBe("2021-12-01");
    expect(shiftWorkingDays(cal, "2022-01-05", -3)).toBe("2021-12-30");
    expect(shiftWorkingDays(cal, "2021-10-08", 1)).toBe("2021-10-09");
    expect(shiftWorkingDays(cal, "2021-10-08", -1)).toBe("2021-09-30");
    expect(onOrNextWorkingDay(cal, "2021-10-05")).toBe("2021-10-08");
  });

  it("rejects a malformed year an administrator added", () => {
    expect(() => parseHolidays({ years: { "2027": { source: "x", verified: false, holidays: [{ name: "元旦", from: "2027-1-1", to: "2027-01-01" }], workdays: [] } } })).toThrow(/YYYY-MM-DD/);
  });
});

describe("reporting cycles and deadlines", () => {
  it.each([
    [2021, 11, "2021-12-06", "5 Dec 2021 is a Sunday"],
    [2021, 9, "2021-10-08", "5 Oct is inside 国庆"],
    [2021, 12, "2022-01-05", "a Wednesday, after 元旦"],
    [2022, 1, "2022-02-07", "5 Feb 2022 is inside 春节"],
    [2026, 9, "2026-10-08", "国庆 2026"],
  ])("cycle %i-%i is due %s (%s)", (year, month, deadline) => {
    expect(makeCycle(cal, year, month, 5).deadline).toBe(deadline);
  });

  it("holds the quarter at quarter ends and the year in December", () => {
    const dec = makeCycle(cal, 2021, 12, 5);
    expect(Object.keys(dec.periods).sort()).toEqual(["monthly", "quarterly", "yearly"]);
    expect(dec.periods.quarterly).toMatchObject({ key: "2021-Q4", start: "2021-10-01", end: "2021-12-31", label: "2021年第四季度" });
    expect(Object.keys(makeCycle(cal, 2021, 11, 5).periods)).toEqual(["monthly"]);
  });

  it("a configured deadline day is clamped to the month", () => {
    expect(makeCycle(cal, 2021, 1, 31).deadline).toBe("2021-03-01"); // 28 Feb 2021 is a Sunday
  });

  it("the current cycle is the first whose deadline has not passed", () => {
    expect(currentCycle(cal, "2021-12-06", 5).key).toBe("2021-11");
    expect(currentCycle(cal, "2021-12-07", 5).key).toBe("2021-12");
  });

});
