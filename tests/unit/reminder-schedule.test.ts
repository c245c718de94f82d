// When stages are due and when they close; quiet hours and days off.
import { describe, expect, it } from "vitest";
import { cycleSlots, nextAllowedTime, openSlots, personalSlot, type RuleSpec, type SchedulePolicy } from "../../src/domain/reminder-schedule.js";
import { makeCycle } from "../../src/domain/reporting-calendar.js";
import { readHolidays } from "../../src/reminders/holidays-file.js";
import { DEFAULT_RULES } from "../../src/reminders/rules.js";

const cal = readHolidays();
const policy: SchedulePolicy = { deadlineDay: 5, quietHours: { start: 20, end: 8 }, sendOnDaysOff: false, escalationWindowDays: 5 };
const rules: RuleSpec[] = DEFAULT_RULES.map((r) => ({ ...r, dayOfMonth: null, userId: null }));
const iso = (d: Date) => d.toISOString();
const sh = (s: string) => new Date(`${s}+08:00`);

describe("quiet hours", () => {
  it.each([
    ["2021-12-01T10:00", "2021-12-01T10:00", "allowed"],
    ["2021-12-01T07:30", "2021-12-01T08:00", "before 08:00"],
    ["2021-12-01T20:00", "2021-12-02T08:00", "from 20:00"],
    ["2021-12-03T21:00", "2021-12-06T08:00", "Friday night → Monday"],
    ["2021-09-30T22:00", "2021-10-08T08:00", "over 国庆"],
    ["2021-10-08T20:30", "2021-10-09T08:00", "to the make-up Saturday"],
  ])("%s → %s (%s)", (at, expected) => {
    expect(iso(nextAllowedTime(cal, policy, sh(at)))).toBe(iso(sh(expected)));
  });

  it("days off can be allowed by configuration", () => {
    expect(iso(nextAllowedTime(cal, { ...policy, sendOnDaysOff: true }, sh("2021-12-04T10:00")))).toBe(iso(sh("2021-12-04T10:00")));
  });
});

describe("stages of a cycle (defaults)", () => {
  it("November 2021: 1 Dec, 6 Dec (the 5th is a Sunday), escalation 7 Dec", () => {
    const slots = cycleSlots(cal, policy, makeCycle(cal, 2021, 11, 5), rules);
    expect(slots.map((s) => [s.stage, iso(s.dueAt), iso(s.expiresAt)])).toEqual([
      ["before-3", iso(sh("2021-12-01T09:00")), iso(sh("2021-12-06T09:00"))],
      ["deadline", iso(sh("2021-12-06T09:00")), iso(sh("2021-12-07T00:00"))],
      ["after-1", iso(sh("2021-12-07T09:00")), iso(sh("2021-12-15T00:00"))],
    ]);
  });

  it("September 2021: the deadline moves past 国庆 and escalation lands on the make-up Saturday", () => {
    const slots = cycleSlots(cal, policy, makeCycle(cal, 2021, 9, 5), rules);
    expect(slots.map((s) => [s.stage, iso(s.dueAt)])).toEqual([
      ["before-3", iso(sh("2021-09-28T09:00"))],
      ["deadline", iso(sh("2021-10-08T09:00"))],
      ["after-1", iso(sh("2021-10-09T09:00"))],
    ]);
  });

  it("a 3-days-before stage missed during downtime is caught up until the deadline stage is due, then dropped", () => {
    expect(openSlots(cal, policy, rules, sh("2021-12-03T15:00")).map((s) => `${s.cycle.key}/${s.stage}`)).toEqual(["2021-11/before-3"]);
    expect(openSlots(cal, policy, rules, sh("2021-12-06T09:01")).map((s) => `${s.cycle.key}/${s.stage}`)).toEqual(["2021-11/deadline"]);
    expect(openSlots(cal, policy, rules, sh("2021-12-20T10:00"))).toEqual([]);
  });

  it("a personal reminder on a Saturday waits for Monday morning", () => {
    const rule: RuleSpec = { code: "personal-1-4", kind: "personal", offsetDays: null, dayOfMonth: 4, hour: 9, userId: 1 };
    const s = personalSlot(cal, policy, rule, 2021, 12);
    expect([s.cycle.key, iso(s.dueAt), iso(s.expiresAt)]).toEqual(["2021-11", iso(sh("2021-12-06T08:00")), iso(sh("2021-12-07T00:00"))]);
  });
});
