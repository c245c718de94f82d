// What a user can ask in chat: "提醒我每月3号报" (a personal monthly reminder) and "这个月别提醒了"
// (no reminders for the cycle currently being reported). The conversation handlers call these and
// word the reply from what they return.
import type { Database } from "../db/client.js";
import { AppError } from "../errors.js";
import { currentCycle } from "../domain/reporting-calendar.js";
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

export async function addPersonalReminder(db: Database, userId: number, dayOfMonth: number, opts: PreferenceOptions = {}): Promise<SavedPersonalReminder> {
  if (!Number.isInteger(dayOfMonth) || dayOfMonth < 1 || dayOfMonth > 31) {
    throw new AppError("invalid_value", "提醒日期请说 1 到 31 号之间的一天，例如：提醒我每月3号报");
  }
  // No ":" in codes: the delivery key joins rule, cycle, user and stage with ":".
  const code = `personal-${userId}-${dayOfMonth}`;
  const hour = opts.hour ?? 9;
  const existing = await db.prisma.reminderRule.findUnique({ where: { code } });
  if (existing) {
    if (!existing.enabled) await db.prisma.reminderRule.update({ where: { code }, data: { enabled: true } });
    return { code, dayOfMonth, hour: existing.hour, created: !existing.enabled };
  }
  await db.prisma.reminderRule.create({ data: { code, kind: "personal", dayOfMonth, hour, userId } });
  return { code, dayOfMonth, hour, created: true };
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
  await db.prisma.reminderMute.createMany({ data: [{ userId, periodKey: cycle.key }], skipDuplicates: true });
  return { periodKey: cycle.key, label: `${cycle.year}年${cycle.month}月`, deadline: cycle.deadline };
}

/**
 * The conversation's reminder-preferences port (conversation/ports.ts). The work calendar and the
 * reminder settings are read once here, when the port is made at start-up — not on every turn.
 */
export function reminderPreferences(opts: PreferenceOptions = {}): ReminderPreferencesPort {
  const fixed = { ...opts, calendar: opts.calendar ?? readHolidays(), settings: opts.settings ?? readSettings() };
  return {
    addPersonal: (db, userId, day) => addPersonalReminder(db, userId, day, fixed),
    muteCurrentCycle: (db, userId, now) => muteCurrentPeriod(db, userId, now, fixed),
  };
}
