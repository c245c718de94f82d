// The narrow ports a turn carries (botbuilder's small state interfaces): what handlers and chain
// steps may use beyond their own transaction. Implemented outside the conversation — the user
// directory in users/, reminder preferences in reminders/, monitoring answers in monitoring/ — and
// wired by the composition root (src/turn-ports.ts), so `conversation` imports none of them.
import type { Database } from "../db/client.js";
import type { Platform, Reply } from "../messages.js";
import type { BotUser } from "../users/bot-user.js";
import type { IndicatorCatalog, IndicatorInfo } from "./indicator-catalog.js";
import type { Pending } from "./dialog/pending-state.js";

/** Who is talking (users/directory.ts). */
export interface DirectoryPort {
  resolve(platform: Platform, externalId: string): Promise<BotUser | null>;
}

/** The pending dialog of a user (dialog/pending-state.ts). */
export interface PendingPort {
  load(db: Database, userId: number, now: Date): Promise<Pending | null>;
}

export interface PersonalReminder {
  dayOfMonth: number;
  hour: number;
  /** false when the same reminder already existed (asking twice is fine). */
  created: boolean;
}

export interface MutedCycle {
  /** The reporting cycle muted, "2021-11". */
  periodKey: string;
  /** "2021年11月" for the reply. */
  label: string;
  /** "YYYY-MM-DD". */
  deadline: string;
}

/** "提醒我每月3号报" / "这个月别提醒了" (reminders/preferences.ts). Throws AppError for a bad day. */
export interface ReminderPreferencesPort {
  addPersonal(db: Database, userId: number, dayOfMonth: number): Promise<PersonalReminder>;
  muteCurrentCycle(db: Database, userId: number, now: Date): Promise<MutedCycle>;
}

/** What a monitoring answer may see of the turn. */
export interface MonitoringTurn {
  db: Database;
  now: Date;
  user: BotUser;
}

/** 双监控 / 预算执行 / 自评 answers and 偏差原因 (monitoring/chat-port.ts). */
export interface MonitoringPort {
  /** The answer to a monitoring question or a pending deviation reason; null: not one (the intents take it). */
  answer(turn: MonitoringTurn, text: string): Promise<Reply[] | null>;
  /** After a confirmed report: the question about why an indicator is behind, if it is. */
  askReasonAfterReport(db: Database, now: Date, userId: number, indicator: IndicatorInfo): Promise<Reply[]>;
}

export interface TurnPorts {
  directory: DirectoryPort;
  /** The active goal table's indicators, cached for a short while. */
  catalog(now: Date): Promise<IndicatorCatalog>;
  pending: PendingPort;
  reminderPreferences: ReminderPreferencesPort;
  monitoring: MonitoringPort;
}

/** The ports a bot is given; catalogue and pending state default to the conversation's own storage. */
export type BotPorts = Pick<TurnPorts, "directory" | "reminderPreferences" | "monitoring"> & Partial<TurnPorts>;
