// When each reminder stage is due and until when it may still go out. Pure: rules, calendar,
// policy and "now" come in; slots come out.
// - A stage becomes due at its nominal time, or at the next allowed time when that falls in quiet
//   hours or on a day off ("a due reminder waits").
// - A stage closes when the next stage of its chain is due (a "3 days before" reminder is pointless
//   once the deadline-day one goes out), at the end of the deadline day for the last one before the
//   deadline, and after a few working days for the escalation. A closed stage is never sent late.
// Everything is computed from the calendar, so runs missed while the service was down are found
// again on the next tick; the delivery key makes them go out once.
import { addDays, daysInMonth, fromShanghai, isoDate, parseIsoDate, shanghaiDate, toShanghai, type IsoDate } from "./shanghai-time.js";
import { currentCycle, makeCycle, shiftMonth, type Cycle } from "./reporting-calendar.js";
import { isWorkingDay, shiftWorkingDays, type WorkCalendar } from "./work-calendar.js";

export type RuleKind = "deadline" | "escalation" | "personal";

export interface RuleSpec {
  code: string;
  kind: RuleKind;
  /** Working days before the deadline (negative = after); deadline and escalation rules. */
  offsetDays: number | null;
  /** Personal rules: day of the month (clamped to the month's length). */
  dayOfMonth: number | null;
  hour: number;
  /** Personal rules: whose. */
  userId: number | null;
}

export interface SchedulePolicy {
  deadlineDay: number;
  /** Local hours [start, end) in which nothing is sent, e.g. 20 → 8; null = no quiet hours. */
  quietHours: { start: number; end: number } | null;
  /** false = nothing on weekends and holidays (make-up workdays count as working days). */
  sendOnDaysOff: boolean;
  /** The escalation may still go out this many working days after it was due. */
  escalationWindowDays: number;
}

export interface StageSlot {
  rule: RuleSpec;
  /** "before-3" | "deadline" | "after-1" | "day-3" */
  stage: string;
  cycle: Cycle;
  nominalAt: Date;
  dueAt: Date;
  expiresAt: Date;
}

function dayAllowed(cal: WorkCalendar, p: SchedulePolicy, date: IsoDate): boolean {
  return p.sendOnDaysOff || isWorkingDay(cal, date);
}

function hourAllowed(p: SchedulePolicy, hour: number): boolean {
  if (!p.quietHours) return true;
  const { start, end } = p.quietHours;
  return start > end ? hour >= end && hour < start : hour < start || hour >= end;
}

export function isAllowedTime(cal: WorkCalendar, p: SchedulePolicy, t: Date): boolean {
  return dayAllowed(cal, p, shanghaiDate(t)) && hourAllowed(p, toShanghai(t).hour);
}

/** `t` when messages may go out then, else the start of the next allowed hour. */
export function nextAllowedTime(cal: WorkCalendar, p: SchedulePolicy, t: Date): Date {
  if (isAllowedTime(cal, p, t)) return t;
  const l = toShanghai(t);
  let date = shanghaiDate(t);
  // Hour by hour: at most a long holiday (~10 days × 24 h) of steps, cheap and obviously right.
  for (let i = 1; i <= 24 * 40; i++) {
    const h = (l.hour + i) % 24;
    if (h === 0) date = addDays(date, 1);
    const { year, month, day } = parseIsoDate(date);
    const at = fromShanghai(year, month, day, h);
    if (isAllowedTime(cal, p, at)) return at;
  }
  throw new Error(`no allowed sending time within 40 days of ${t.toISOString()}`);
}

function at(date: IsoDate, hour: number): Date {
  const { year, month, day } = parseIsoDate(date);
  return fromShanghai(year, month, day, hour);
}

function endOfDay(date: IsoDate): Date {
  return at(addDays(date, 1), 0);
}

export function stageName(rule: RuleSpec): string {
  if (rule.kind === "personal") return `day-${rule.dayOfMonth}`;
  const n = rule.offsetDays ?? 0;
  return n > 0 ? `before-${n}` : n === 0 ? "deadline" : `after-${-n}`;
}

/** The deadline and escalation stages of one cycle. */
export function cycleSlots(cal: WorkCalendar, p: SchedulePolicy, cycle: Cycle, rules: RuleSpec[]): StageSlot[] {
  const slots: StageSlot[] = [];
  const slot = (rule: RuleSpec) => {
    const nominalAt = at(shiftWorkingDays(cal, cycle.deadline, -(rule.offsetDays ?? 0)), rule.hour);
    return { rule, stage: stageName(rule), cycle, nominalAt, dueAt: nextAllowedTime(cal, p, nominalAt) };
  };
  const chain = rules.filter((r) => r.kind === "deadline" && (r.offsetDays ?? 0) >= 0).map(slot);
  chain.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  chain.forEach((s, i) => {
    const next = chain[i + 1];
    slots.push({ ...s, expiresAt: next ? next.dueAt : endOfDay(cycle.deadline) });
  });
  for (const r of rules.filter((r) => r.kind === "escalation")) {
    const s = slot(r);
    const last = shiftWorkingDays(cal, shanghaiDate(s.dueAt), p.escalationWindowDays);
    slots.push({ ...s, expiresAt: endOfDay(last) });
  }
  return slots.filter((s) => s.dueAt < s.expiresAt);
}

/** A personal reminder in one month: about the cycle people are working towards on that day. */
export function personalSlot(cal: WorkCalendar, p: SchedulePolicy, rule: RuleSpec, year: number, month: number): StageSlot {
  const date = isoDate(year, month, Math.min(rule.dayOfMonth ?? 1, daysInMonth(year, month)));
  const nominalAt = at(date, rule.hour);
  const dueAt = nextAllowedTime(cal, p, nominalAt);
  const cycle = currentCycle(cal, date, p.deadlineDay);
  return { rule, stage: stageName(rule), cycle, nominalAt, dueAt, expiresAt: endOfDay(shanghaiDate(dueAt)) };
}

/**
 * Every slot that could matter around `now`: the cycles of the last three months and this one
 * (escalations run into the month after next), personal reminders of last month and this one.
 */
export function slotsAround(cal: WorkCalendar, p: SchedulePolicy, rules: RuleSpec[], now: Date): StageSlot[] {
  const { year, month } = toShanghai(now);
  const slots: StageSlot[] = [];
  for (let back = 3; back >= 0; back--) {
    const m = shiftMonth(year, month, -back);
    slots.push(...cycleSlots(cal, p, makeCycle(cal, m.year, m.month, p.deadlineDay), rules));
  }
  for (const r of rules.filter((r) => r.kind === "personal")) {
    for (const back of [1, 0]) {
      const m = shiftMonth(year, month, -back);
      slots.push(personalSlot(cal, p, r, m.year, m.month));
    }
  }
  return slots;
}

/** Slots open at `now` (due and not yet closed); whether `now` is quiet is the caller's concern. */
export function openSlots(cal: WorkCalendar, p: SchedulePolicy, rules: RuleSpec[], now: Date): StageSlot[] {
  return slotsAround(cal, p, rules, now).filter((s) => s.dueAt <= now && now < s.expiresAt);
}
