// The reminders module's entry: the context every use needs (database + holiday calendar +
// settings), read from the committed data files.
import type { Database } from "../db/client.js";
import { DEFAULT_HOLIDAYS_FILE, readHolidays } from "./holidays-file.js";
import type { ReminderContext } from "./plan.js";
import { DEFAULT_SETTINGS_FILE, readSettings } from "./settings.js";

export { planReminders, type PlannedReminder, type ReminderContext, type ReminderPlan } from "./plan.js";
export { runDueReminders, type RunResult } from "./deliver.js";
export { createReminderScheduler, type ReminderScheduler } from "./scheduler.js";
export { addPersonalReminder, muteCurrentPeriod } from "./preferences.js";

export function reminderContext(db: Database, files: { holidays?: string; settings?: string } = {}): ReminderContext {
  return { db, calendar: readHolidays(files.holidays ?? DEFAULT_HOLIDAYS_FILE), settings: readSettings(files.settings ?? DEFAULT_SETTINGS_FILE) };
}
