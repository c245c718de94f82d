// Reminder settings that are not rows: the deadline day, quiet hours, which
// messenger to prefer. Defaults below; data/reminder-settings.json (optional, same shape) overrides
// them. The stages themselves (who, how many working days before, what hour) are ReminderRule rows
// (src/reminders/rules.ts) so an administrator can change them without a release.
import { existsSync } from "node:fs";
import { z } from "zod";
import type { SchedulePolicy } from "../domain/reminder-schedule.js";
import { parseDataFile } from "../zod-issues.js";
import { readJsonFile } from "../json-file.js";
import type { Messenger } from "./recipients.js";

export const DEFAULT_SETTINGS_FILE = "data/reminder-settings.json";

/**
 * A group chat the bot is a member of: Feishu chat_id ("oc_…", the bot must be in the group) or
 * DingTalk openConversationId (the group the robot was added to, usually "cid…").
 */
const groupChat = z
  .object({ platform: z.enum(["feishu", "dingtalk"]), chatId: z.string().trim().min(1, "chatId is empty") })
  .strict()
  .refine((c) => c.platform !== "feishu" || c.chatId.startsWith("oc_"), { message: 'a Feishu chatId is a chat_id starting with "oc_"', path: ["chatId"] });

export type GroupChat = z.infer<typeof groupChat>;

const settingsSchema = z.object({
  /** Day of the month after the period on which the report is due (moved to the next working day). */
  deadlineDay: z.number().int().min(1).max(31).default(5),
  /**
   * Gone: which cadence an indicator reports in is one rule for the chat and the reminders
   * (src/domain/missing.ts; per indicator in the goal table's 报送周期 column). Refused rather than
   * ignored, so a deployment that set it learns where it went.
   */
  cadence: z.undefined({ error: "已不在此设置：报送周期按指标在目标表的“报送周期”列设置（默认：定量按月、定性按季度）" }).optional(),
  /** Local hours with no messages, start → end; null = none. */
  quietHours: z.object({ start: z.number().int().min(0).max(23), end: z.number().int().min(0).max(23) }).nullable().default({ start: 20, end: 8 }),
  sendOnDaysOff: z.boolean().default(false),
  escalationWindowDays: z.number().int().min(0).max(20).default(5),
  /** Which identity a recipient is messaged on when they have several. */
  platforms: z.array(z.enum(["feishu", "dingtalk"])).min(1).default(["feishu", "dingtalk"]),
  /**
   * Opt-in group chats, none by default. A section listed here also gets its deadline reminders
   * (missing indicators only, no names) posted to its group; `escalationChat` also gets the
   * administrators' escalation. Keys are section codes (data/org-chart.json).
   */
  groupChats: z.record(z.string().min(1), groupChat).default({}),
  escalationChat: groupChat.optional(),
});

/**
 * `platforms` may also hold "local" (the web chat): never from the file, only from reminderContext
 * when no messenger is configured and the web chat runs.
 */
export type ReminderSettings = Omit<z.infer<typeof settingsSchema>, "cadence" | "platforms"> & { platforms: Messenger[] };

export const DEFAULT_SETTINGS: ReminderSettings = settingsSchema.parse({});

export function parseSettings(json: unknown, origin = "提醒设置"): ReminderSettings {
  return parseDataFile(settingsSchema, json, origin);
}

/** The file is optional: without it the defaults apply. */
export function readSettings(file = DEFAULT_SETTINGS_FILE): ReminderSettings {
  if (!existsSync(file)) return DEFAULT_SETTINGS;
  return parseSettings(readJsonFile(file), file);
}

export function schedulePolicy(s: ReminderSettings): SchedulePolicy {
  return { deadlineDay: s.deadlineDay, quietHours: s.quietHours, sendOnDaysOff: s.sendOnDaysOff, escalationWindowDays: s.escalationWindowDays };
}
