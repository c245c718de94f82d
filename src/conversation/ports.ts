// The narrow ports a turn carries (botbuilder's small state interfaces): what handlers and chain
// steps may use beyond their own transaction. Implemented outside the conversation — the user
// directory in users/, reminder preferences in reminders/, monitoring answers in monitoring/, budget
// figures in budget/, answer charts in charts/, dashboard links in dashboard/ — and wired by the
// composition root (src/turn-ports.ts), so `conversation` imports none of them.
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { Platform, Reply } from "../messages.js";
import type { BotUser, DialogRow } from "../users/bot-user.js";
import type { IndicatorCatalog, IndicatorInfo } from "./indicator-catalog.js";
import type { StoredReport } from "./report-store.js";
import type { Pending, ReportDraft } from "./dialog/pending-state.js";
import type { ActionResult, Card } from "../messages.js";
import type { CommitContext } from "./dialog/commit-pending.js";
import type { OfficialTable } from "./nlu/intents.js";

/** Who is talking (users/directory.ts). */
export interface DirectoryPort {
  resolve(platform: Platform, externalId: string): Promise<BotUser | null>;
}

/**
 * Progress reports as the handlers read and write them (conversation/report-store.ts): append-only —
 * a correction or withdrawal is a new row, never an update; `db` is the turn's transaction. Periods
 * are ISO dates "YYYY-MM-DD" (start and end inclusive).
 */
export interface ReportsPort {
  /** The standing report of the indicator for that period, or null. */
  currentFor(db: Database, indicatorId: number, start: string, end: string): Promise<StoredReport | null>;
  /** Every version for that period, newest first (who, when, replaced or withdrawn). */
  periodHistory(db: Database, indicatorId: number, start: string, end: string): Promise<StoredReport[]>;
  /** Every version of every period between start and end ("调解成功率10月的记录"). */
  indicatorHistory(db: Database, indicatorId: number, start: string, end: string): Promise<StoredReport[]>;
  /** The latest standing report of the indicator (in the period when given): what a head may correct. */
  lastStandingOf(db: Database, indicatorId: number, period?: { start: string; end: string }): Promise<StoredReport | null>;
  /** The latest standing report this user made (of that indicator when given): "改成…" / 撤回. */
  lastStandingBy(db: Database, userId: number, indicatorId?: number): Promise<StoredReport | null>;
  /** Stores one confirmed draft. */
  append(db: Database, draft: ReportDraft, userId: number, at: Date): Promise<StoredReport>;
  /** Stores the drafts of one several-item confirmation together (all or none: the turn's transaction). */
  appendMany(db: Database, drafts: ReportDraft[], userId: number, at: Date): Promise<StoredReport[]>;
}

/** The pending dialog of a user (dialog/pending-state.ts). */
export interface PendingPort {
  /** `snapshot`: the row read with the identity (BotUser.dialog); given, it is validated instead of read again. */
  load(db: Database, userId: number, now: Date, snapshot?: DialogRow | null): Promise<Pending | null>;
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

/** What a monitoring (or dashboard) answer may see of the turn; `db` is the turn's transaction. */
export interface MonitoringTurn {
  db: Database;
  now: Date;
  user: BotUser;
}

type ReasonPending = Extract<Pending, { kind: "deviation_reason" }>;
type BudgetPending = Extract<Pending, { kind: "confirm_budget" }>;

/** 双监控 / 预算执行 / 自评 answers and 偏差原因 (monitoring/chat-port.ts). */
export interface MonitoringPort {
  /** The answer to a monitoring question; null: not one (the intents take it). */
  answer(turn: MonitoringTurn, text: string): Promise<Reply[] | null>;
  /** A typed answer to an open 偏差原因 question; null: not an answer (the question stays open). */
  answerReason(turn: MonitoringTurn, pending: ReasonPending, text: string): Promise<Reply[] | null>;
  /** A 偏差原因 card's button ("reason:cause:N", "reason:likelihood:N", "reason:skip"). */
  answerReasonButton(db: Database, now: Date, userId: number, pending: ReasonPending, action: string): Promise<ActionResult>;
  /** After a confirmed report of these indicators: the question why those behind are behind, once per round. */
  askReasonsAfterReport(db: Database, now: Date, userId: number, indicators: IndicatorInfo[]): Promise<Reply[]>;
}

/** What a budget answer may see of the turn. */
export interface BudgetTurn extends MonitoringTurn {
  pending: Pending | null;
}

/** 年初预算 / 调整后预算 / 累计支出 reported by chat (budget/chat-budget.ts, issue 13 item 1). */
export interface BudgetPort {
  /** A confirmation card for a budget message; null: not one. */
  answer(turn: BudgetTurn, text: string): Promise<Reply[] | null>;
  commit(ctx: CommitContext, pending: BudgetPending): Promise<{ card: Card; replies: Reply[] }>;
  cancel(ctx: CommitContext, pending: BudgetPending): Promise<Card>;
}

/** What a chart may see of the turn. */
export interface ChartTurn {
  db: Database;
  now: Date;
  log: Logger;
}

/** A chart a card carries (messages.ts Card.chart). */
export type CardChart = NonNullable<Card["chart"]>;

/**
 * The charts the progress answers carry (charts/answer-charts.ts, issue 14 item 2). A chart is
 * extra: undefined when there is none (no data yet, a 定性 indicator, January, a failure — logged),
 * never an error.
 */
export interface ChartsPort {
  /** The indicator's months against its pace line. */
  indicator(turn: ChartTurn, indicatorId: number): Promise<CardChart | undefined>;
  /** The section's lights. */
  section(turn: ChartTurn, sectionId: number): Promise<CardChart | undefined>;
}

/**
 * "看板" and "要监控表文件" (issue 14 item 3, issue 13 item 6): the signed links of the running
 * server (dashboard/chat-port.ts), or — where no dashboard is served (the CLI chat, tests without
 * HTTP) — a Chinese line saying so (dashboard/not-running.ts).
 */
export interface DashboardPort {
  /** The dashboard link card for the user's scope, or a line saying why there is none. */
  link(turn: MonitoringTurn): Promise<Reply[]>;
  /** The named official table's download card (with the file), or who may download it. */
  officialTable(turn: MonitoringTurn, table: OfficialTable): Promise<Reply[]>;
}

export interface TurnPorts {
  directory: DirectoryPort;
  /** The active goal table's indicators, cached for a short while. */
  catalog(now: Date): Promise<IndicatorCatalog>;
  pending: PendingPort;
  reports: ReportsPort;
  reminderPreferences: ReminderPreferencesPort;
  monitoring: MonitoringPort;
  budget: BudgetPort;
  charts: ChartsPort;
  dashboard: DashboardPort;
}

/** The ports a bot is given; catalogue, pending state and reports default to the conversation's own storage. */
export type BotPorts = Pick<TurnPorts, "directory" | "reminderPreferences" | "monitoring" | "budget" | "charts" | "dashboard"> & Partial<TurnPorts>;
