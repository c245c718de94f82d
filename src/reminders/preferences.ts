// A person's reminder preferences — THE one place they are read and written. They are rows, not
// files: a personal monthly reminder is a ReminderRule of kind "personal" (code
// `personal-<userId>-<day>`, so the delivery key names it), a muted reporting cycle a ReminderMute
// (userId, "YYYY-MM"). Writers: the chat ("提醒我每月3号报", "这个月别提醒了" through the
// ReminderPreferencesPort below) and the admin CLI (`reminders prefs …`, cli/commands/reminder-prefs.ts);
// reader: the reminder plan (plan.ts: loadRules for the personal rules, mutedRecipients for mutes).
// Deployment-wide settings (deadline day, quiet hours, group chats; settings.ts) and the work
// calendar (holidays-file.ts) are not per person: they are read once when the port is made.
import type { Database } from "../db/client.js";
import { AppError } from "../errors.js";
import { currentCycle, cycleKey } from "../domain/reporting-calendar.js";
import { shanghaiDate } from "../domain/shanghai-time.js";
import type { WorkCalendar } from "../domain/work-calendar.js";
import { readHolidays } from "./holidays-file.js";
import { readSettings, type ReminderSettings } from "./settings.js";
import type { PersonalReminder, ReminderPreferencesPort } from "../conversation/ports.js";

export interface PreferenceOptions {
  calendar?: WorkCalendar;
  settings?: ReminderSettings;
  /** Hour of a personal reminder (default 9). */
  hour?: number;
}

/** The port's answer (conversation/ports.ts PersonalReminder) and the ReminderRule's code. */
export interface SavedPersonalReminder extends PersonalReminder {
  code: string;
}

/** `personal-<userId>-<day>`. No ":" in codes: the delivery key joins rule, cycle, user and stage with ":". */
export function personalRuleCode(userId: number, dayOfMonth: number): string {
  return `personal-${userId}-${dayOfMonth}`;
}

function checkDay(dayOfMonth: number): void {
  if (!Number.isInteger(dayOfMonth) || dayOfMonth < 1 || dayOfMonth > 31) {
    throw new AppError("invalid_value", "提醒日期请说 1 到 31 号之间的一天，例如：提醒我每月3号报");
  }
}

/**
 * A personal reminder on `dayOfMonth` (1–31; a day the month lacks is its last day —
 * domain/reminder-schedule.ts personalSlot). Asking again for the same day re-enables it; `hour`
 * (0–23) given explicitly also moves an existing one. Throws AppError("invalid_value") for a bad day.
 */
export async function addPersonalReminder(db: Database, userId: number, dayOfMonth: number, opts: PreferenceOptions = {}): Promise<SavedPersonalReminder> {
  checkDay(dayOfMonth);
  const code = personalRuleCode(userId, dayOfMonth);
  const existing = await db.prisma.reminderRule.findUnique({ where: { code } });
  if (existing) {
    const hour = opts.hour ?? existing.hour;
    if (!existing.enabled || hour !== existing.hour) await db.prisma.reminderRule.update({ where: { code }, data: { enabled: true, hour } });
    return { code, dayOfMonth, hour, created: !existing.enabled };
  }
  const hour = opts.hour ?? 9;
  await db.prisma.reminderRule.create({ data: { code, kind: "personal", dayOfMonth, hour, userId } });
  return { code, dayOfMonth, hour, created: true };
}

/**
 * Turns a personal reminder off (disabled, like the stage rules — rules.ts; asking for it again
 * turns it back on). Returns false when that person had no such reminder on.
 */
export async function removePersonalReminder(db: Database, userId: number, dayOfMonth: number): Promise<boolean> {
  checkDay(dayOfMonth);
  const r = await db.prisma.reminderRule.updateMany({ where: { code: personalRuleCode(userId, dayOfMonth), kind: "personal", userId, enabled: true }, data: { enabled: false } });
  return r.count > 0;
}

export interface Mute {
  /** The reporting cycle muted, "2021-11". */
  periodKey: string;
  /** "2021年11月" for the reply. */
  label: string;
  deadline: string;
}

/** Mutes the cycle people are working towards today (on 12-02 that is November's data). */
export async function muteCurrentPeriod(db: Database, userId: number, now: Date, opts: PreferenceOptions = {}): Promise<Mute> {
  const calendar = opts.calendar ?? readHolidays();
  const settings = opts.settings ?? readSettings();
  const cycle = currentCycle(calendar, shanghaiDate(now), settings.deadlineDay);
  await mutePeriod(db, userId, cycle.key);
  return { periodKey: cycle.key, label: `${cycle.year}年${cycle.month}月`, deadline: cycle.deadline };
}

/** "2021-11" → itself; anything else → AppError("bad_argument") saying the shape. */
export function checkPeriodKey(raw: string): string {
  const m = /^(\d{4})-(\d{1,2})$/.exec(raw.trim());
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) throw new AppError("bad_argument", `报送周期请写成 年-月，例如 2021-11，收到的是“${raw}”`);
  return cycleKey(Number(m[1]), month);
}

/** No reminders to this person for the cycle "YYYY-MM". Returns false when it was already muted. */
export async function mutePeriod(db: Database, userId: number, periodKey: string): Promise<boolean> {
  const r = await db.prisma.reminderMute.createMany({ data: [{ userId, periodKey: checkPeriodKey(periodKey) }], skipDuplicates: true });
  return r.count > 0;
}

/** Undoes a mute. Returns false when that cycle was not muted. */
export async function unmutePeriod(db: Database, userId: number, periodKey: string): Promise<boolean> {
  const r = await db.prisma.reminderMute.deleteMany({ where: { userId, periodKey: checkPeriodKey(periodKey) } });
  return r.count > 0;
}

/** The plan's mute rule: "<userId>:<periodKey>" for every mute of these cycles. */
export async function mutedRecipients(db: Database, periodKeys: string[]): Promise<Set<string>> {
  const mutes = await db.prisma.reminderMute.findMany({ where: { periodKey: { in: periodKeys } }, select: { userId: true, periodKey: true } });
  return new Set(mutes.map((m) => `${m.userId}:${m.periodKey}`));
}

export interface PersonPreferences {
  userId: number;
  name: string;
  section: string | null;
  /** Personal reminders that are on, by day. */
  personal: Array<{ dayOfMonth: number; hour: number }>;
  /** Muted cycles "YYYY-MM", oldest first. */
  muted: string[];
}

/**
 * One person's preferences (`userId`), or everyone who has any (no id), in user id order. A person
 * with none is listed only when asked for by id.
 */
export async function listPreferences(db: Database, userId?: number): Promise<PersonPreferences[]> {
  const users = await db.prisma.user.findMany({
    where: userId === undefined ? { OR: [{ reminderRules: { some: { kind: "personal", enabled: true } } }, { reminderMutes: { some: {} } }] } : { id: userId },
    orderBy: { id: "asc" },
    select: {
      id: true,
      name: true,
      section: { select: { name: true } },
      reminderRules: { where: { kind: "personal", enabled: true }, select: { dayOfMonth: true, hour: true } },
      reminderMutes: { select: { periodKey: true } },
    },
  });
  return users.map((u) => ({
    userId: u.id,
    name: u.name,
    section: u.section?.name ?? null,
    personal: u.reminderRules
      .filter((r): r is { dayOfMonth: number; hour: number } => r.dayOfMonth !== null)
      .sort((a, b) => a.dayOfMonth - b.dayOfMonth),
    muted: u.reminderMutes.map((m) => m.periodKey).sort(),
  }));
}

/**
 * The conversation's reminder-preferences port (conversation/ports.ts). The work calendar and the
 * reminder settings are read once here, when the port is made at start-up — not on every turn; the
 * preferences themselves go to the turn's transaction (`db`).
 */
export function reminderPreferences(opts: PreferenceOptions = {}): ReminderPreferencesPort {
  const fixed = { ...opts, calendar: opts.calendar ?? readHolidays(), settings: opts.settings ?? readSettings() };
  return {
    addPersonal: (db, userId, day) => addPersonalReminder(db, userId, day, { hour: fixed.hour }),
    muteCurrentCycle: (db, userId, now) => muteCurrentPeriod(db, userId, now, fixed),
  };
}
