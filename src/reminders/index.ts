// The reminders module's entry: the context every use needs (database + holiday calendar +
// settings), read from the committed data files.
import type { Database } from "../db/client.js";
import { DEFAULT_HOLIDAYS_FILE, readHolidays } from "./holidays-file.js";
import type { ReminderContext } from "./plan.js";
import type { Messenger } from "./recipients.js";
import { DEFAULT_SETTINGS_FILE, readSettings } from "./settings.js";

export { planReminders, type PlannedReminder, type ReminderContext, type ReminderPlan } from "./plan.js";
export { runDueReminders, type RunResult } from "./deliver.js";
export { createReminderScheduler, type ReminderScheduler } from "./scheduler.js";
export {
  addPersonalReminder,
  removePersonalReminder,
  muteCurrentPeriod,
  mutePeriod,
  unmutePeriod,
  listPreferences,
  checkPeriodKey,
  type PersonPreferences,
} from "./preferences.js";

export interface ContextOptions {
  holidaysFile?: string;
  settingsFile?: string;
  /** The messengers this deployment has configured: a reminder goes to an identity on one of them. */
  messengers?: { feishu: boolean; dingtalk: boolean; webChat?: boolean };
}

/**
 * Reads and validates the reminder files (settings, holidays) without touching the database, so a
 * bad file stops a start before migrations run. Throws AppError("invalid_file") with the key at fault.
 */
export function checkReminderFiles(opts: Pick<ContextOptions, "settingsFile" | "holidaysFile"> = {}): void {
  readSettings(opts.settingsFile ?? DEFAULT_SETTINGS_FILE);
  readHolidays(opts.holidaysFile ?? DEFAULT_HOLIDAYS_FILE);
}

export function reminderContext(db: Database, opts: ContextOptions = {}): ReminderContext {
  const settings = readSettings(opts.settingsFile ?? DEFAULT_SETTINGS_FILE);
  const m = opts.messengers;
  const enabled: Messenger[] = m ? settings.platforms.filter((p) => p !== "local" && m[p]) : settings.platforms;
  // No messenger configured: with the web chat running (the local trial) reminders go to each
  // person's web chat conversation; without it keep the preference list — rows wait in the outbox
  // until a messenger is set up, and `reminders plan` still shows who would be told.
  const platforms: Messenger[] = enabled.length ? enabled : m?.webChat ? ["local"] : settings.platforms;
  return { db, calendar: readHolidays(opts.holidaysFile ?? DEFAULT_HOLIDAYS_FILE), settings: { ...settings, platforms } };
}
