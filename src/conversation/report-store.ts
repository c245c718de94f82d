// ProgressReport reads and the one write the dialog makes. The table is append-only: the current
// report of an indicator and period is the row nothing supersedes; a withdrawal is a current row
// with withdrawn = true.
import type { Database } from "../db/client.js";
import { Prisma } from "../generated/prisma/client.js";
import { AppError } from "../errors.js";
import { dateColumn, fromDateColumn } from "../domain/shanghai-time.js";
import type { ReportDraft } from "./dialog/pending-state.js";
import type { ReportsPort } from "./ports.js";

export interface StoredReport {
  id: number;
  indicatorId: number;
  periodStart: string;
  periodEnd: string;
  value: number | null;
  unit: string | null;
  status: string | null;
  withdrawn: boolean;
  reportedById: number;
  reportedByName: string;
  createdAt: Date;
  /** A withdrawal that brought back an earlier version (src/domain/report-versions.ts). */
  restoresId: number | null;
  /** The row this one replaced (null: the first of its period). */
  supersedesId: number | null;
}

const include = { reportedBy: { select: { name: true } } } as const;
const current = { supersededBy: { is: null } } as const;

type Row = Awaited<ReturnType<Database["prisma"]["progressReport"]["findFirstOrThrow"]>> & { reportedBy: { name: string } };

function toStored(r: Row): StoredReport {
  return {
    id: r.id,
    indicatorId: r.indicatorId,
    periodStart: fromDateColumn(r.periodStart),
    periodEnd: fromDateColumn(r.periodEnd),
    value: r.value,
    unit: r.unit,
    status: r.status,
    withdrawn: r.withdrawn,
    reportedById: r.reportedById,
    reportedByName: r.reportedBy.name,
    createdAt: r.createdAt,
    restoresId: r.restoresId,
    supersedesId: r.supersedesId,
  };
}

/** The current report (possibly a withdrawal) for exactly this indicator and period. */
export async function currentReportFor(db: Database, indicatorId: number, start: string, end: string): Promise<StoredReport | null> {
  const row = await db.prisma.progressReport.findFirst({
    where: { indicatorId, periodStart: dateColumn(start), periodEnd: dateColumn(end), ...current },
    include,
    orderBy: { id: "desc" },
  });
  return row ? toStored(row) : null;
}

/** Every row of this indicator and period, oldest first: its history (src/domain/report-versions.ts). */
export async function periodHistory(db: Database, indicatorId: number, start: string, end: string): Promise<StoredReport[]> {
  const rows = await db.prisma.progressReport.findMany({
    where: { indicatorId, periodStart: dateColumn(start), periodEnd: dateColumn(end) },
    include,
    orderBy: { id: "asc" },
  });
  return rows.map(toStored);
}

/** Every row of an indicator whose period lies in [start, end], oldest first (the 记录 answer). */
export async function indicatorHistory(db: Database, indicatorId: number, start: string, end: string): Promise<StoredReport[]> {
  const rows = await db.prisma.progressReport.findMany({
    where: { indicatorId, periodStart: { gte: dateColumn(start) }, periodEnd: { lte: dateColumn(end) } },
    include,
    orderBy: { id: "asc" },
  });
  return rows.map(toStored);
}

/** The most recent standing report of an indicator (in a period, when given), whoever reported it. */
export async function lastStandingReportOf(db: Database, indicatorId: number, period?: { start: string; end: string }): Promise<StoredReport | null> {
  const row = await db.prisma.progressReport.findFirst({
    where: {
      indicatorId,
      withdrawn: false,
      ...(period ? { periodStart: dateColumn(period.start), periodEnd: dateColumn(period.end) } : {}),
      ...current,
    },
    include,
    orderBy: [{ periodEnd: "desc" }, { id: "desc" }],
  });
  return row ? toStored(row) : null;
}

/** The user's most recent report that still stands (not superseded, not withdrawn). */
export async function lastStandingReportBy(db: Database, userId: number, indicatorId?: number): Promise<StoredReport | null> {
  const row = await db.prisma.progressReport.findFirst({
    where: { reportedById: userId, withdrawn: false, ...(indicatorId ? { indicatorId } : {}), ...current },
    include,
    orderBy: { id: "desc" },
  });
  return row ? toStored(row) : null;
}

/** Every standing report of these indicators in `year`. */
export async function standingReports(db: Database, indicatorIds: number[], year: number): Promise<StoredReport[]> {
  const rows = await db.prisma.progressReport.findMany({
    where: {
      indicatorId: { in: indicatorIds },
      withdrawn: false,
      periodStart: { gte: dateColumn(`${year}-01-01`) },
      periodEnd: { lte: dateColumn(`${year}-12-31`) },
      ...current,
    },
    include,
    orderBy: [{ periodStart: "asc" }, { id: "asc" }],
  });
  return rows.map(toStored);
}

/** First key of the two-int advisory lock that serialises writes of one indicator's reports. */
const REPORT_LOCK_NAMESPACE = 0x6a78_7270; // "jxrp"

const CONFLICT = "确认期间该指标本期的报送已有变动，请重新发送要报送的内容。";

/**
 * Appends the confirmed draft. Refuses (conflict) when the indicator's current report for that
 * period changed since the user was asked — someone else reported or corrected in between.
 * Writes of one indicator are serialised by a transaction-scoped advisory lock: under READ
 * COMMITTED two confirms of a first report (supersedesId null, which no unique index catches)
 * would otherwise both see "nothing yet" and leave two standing reports (two instances, or a typed
 * 确认 racing a card button). A racing correction would hit supersedesId's unique index instead.
 */
export async function appendReport(db: Database, draft: ReportDraft, userId: number, at: Date): Promise<StoredReport> {
  try {
    return await appendSerialised(db, draft, userId, at);
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new AppError("conflict", CONFLICT, { draft, prisma: err.message });
    }
    throw err;
  }
}

async function appendSerialised(db: Database, draft: ReportDraft, userId: number, at: Date): Promise<StoredReport> {
  return db.prisma.$transaction((tx) => appendInTransaction(tx, draft, userId, at));
}

/**
 * Appends several confirmed drafts (one message's items) in ONE transaction: all or none. Locks are
 * taken in indicator order so two batches cannot deadlock; a conflict on any item rolls back all.
 */
export async function appendReports(db: Database, drafts: ReportDraft[], userId: number, at: Date): Promise<StoredReport[]> {
  const ordered = [...drafts].sort((a, b) => a.indicatorId - b.indicatorId);
  try {
    return await db.prisma.$transaction(async (tx) => {
      const stored: StoredReport[] = [];
      for (const d of ordered) stored.push(await appendInTransaction(tx, d, userId, at));
      return stored;
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new AppError("conflict", CONFLICT, { drafts, prisma: err.message });
    }
    throw err;
  }
}

type Tx = Parameters<Parameters<Database["prisma"]["$transaction"]>[0]>[0];

async function appendInTransaction(tx: Tx, draft: ReportDraft, userId: number, at: Date): Promise<StoredReport> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REPORT_LOCK_NAMESPACE}::int, ${draft.indicatorId}::int)`;
  const now = await tx.progressReport.findFirst({
    where: { indicatorId: draft.indicatorId, periodStart: dateColumn(draft.periodStart), periodEnd: dateColumn(draft.periodEnd), ...current },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  if ((now?.id ?? null) !== draft.supersedesId) {
    throw new AppError("conflict", CONFLICT, { draft, current: now?.id });
  }
  const row = await tx.progressReport.create({
    data: {
      indicatorId: draft.indicatorId,
      periodStart: dateColumn(draft.periodStart),
      periodEnd: dateColumn(draft.periodEnd),
      value: draft.value,
      unit: draft.unit,
      status: draft.status,
      withdrawn: draft.withdrawn,
      rawText: draft.rawText,
      reportedById: userId,
      supersedesId: draft.supersedesId,
      restoresId: draft.restoresId ?? null,
      createdAt: at,
    },
    include,
  });
  if (draft.action !== "new") {
    // Who changed whose figure: corrections and withdrawals may be made by a head or an admin.
    await tx.auditLog.create({
      data: {
        at,
        actorUserId: userId,
        action: `report.${draft.action}`,
        subject: `report:${row.id}`,
        detail: { indicatorId: draft.indicatorId, period: [draft.periodStart, draft.periodEnd], supersedesId: draft.supersedesId, restoresId: draft.restoresId ?? null, previous: draft.previous },
      },
    });
  }
  return toStored(row);
}

/** The reports port (ports.ts ReportsPort) over this store: the bot's default. */
export const reportStore: ReportsPort = {
  currentFor: currentReportFor,
  periodHistory,
  indicatorHistory,
  lastStandingOf: lastStandingReportOf,
  lastStandingBy: lastStandingReportBy,
  append: appendReport,
  appendMany: appendReports,
};
