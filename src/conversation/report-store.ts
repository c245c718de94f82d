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

// The hot reads of a turn (the draft's "what stands now", the progress after 确认) are one statement
// each: the reporter's name joined in SQL. Prisma's `include` sends a second query for it — even for
// an empty result ("User IN (NULL)") — and its join strategy is a preview feature (issue 15).
/** A row of those statements is already a StoredReport (JOINED_COLUMNS names the columns so). */
type JoinedRow = StoredReport;

/** The columns of StoredReport from ProgressReport `r` and its reporter `u` (dates as "YYYY-MM-DD"). */
const JOINED_COLUMNS = Prisma.sql`r.id, r."indicatorId", r."periodStart"::text AS "periodStart", r."periodEnd"::text AS "periodEnd",
  r.value, r.unit, r.status, r.withdrawn, r."reportedById", u.name AS "reportedByName", r."createdAt", r."restoresId", r."supersedesId"`;
/**
 * `r` stands: no row supersedes it (the current version of its period). OFFSET 0 keeps the check a
 * probe of the unique supersedesId index per candidate row: without it PostgreSQL may turn it into
 * a hash anti-join over the WHOLE table — at 100k stored reports it did, 28 ms instead of 1 ms
 * (scripts/bench-history.ts), while at 1M it chose the probes again.
 */
const STANDS = Prisma.sql`NOT EXISTS (SELECT 1 FROM "ProgressReport" n WHERE n."supersedesId" = r.id OFFSET 0)`;

/** The current report (possibly a withdrawal) for exactly this indicator and period. One statement. */
export async function currentReportFor(db: Database, indicatorId: number, start: string, end: string): Promise<StoredReport | null> {
  const [row] = await db.prisma.$queryRaw<JoinedRow[]>`
    SELECT ${JOINED_COLUMNS} FROM "ProgressReport" r JOIN "User" u ON u.id = r."reportedById"
     WHERE r."indicatorId" = ${indicatorId} AND r."periodStart" = ${start}::date AND r."periodEnd" = ${end}::date AND ${STANDS}
     ORDER BY r.id DESC LIMIT 1`;
  return row ?? null;
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

/** Every standing report of these indicators in `year`, by period then id. One statement. */
export async function standingReports(db: Database, indicatorIds: number[], year: number): Promise<StoredReport[]> {
  if (indicatorIds.length === 0) return [];
  return db.prisma.$queryRaw<JoinedRow[]>`
    SELECT ${JOINED_COLUMNS} FROM "ProgressReport" r JOIN "User" u ON u.id = r."reportedById"
     WHERE r."indicatorId" IN (${Prisma.join(indicatorIds)}) AND NOT r.withdrawn
       AND r."periodStart" >= ${`${year}-01-01`}::date AND r."periodEnd" <= ${`${year}-12-31`}::date AND ${STANDS}
     ORDER BY r."periodStart" ASC, r.id ASC`;
}

const CONFLICT = "确认期间该指标本期的报送已有变动，请重新发送要报送的内容。";

/**
 * Appends the confirmed draft, in ONE statement (with its audit row for a correction or withdrawal).
 * Refuses (AppError "conflict") when the indicator's current report for that period changed since
 * the user was asked — someone else reported or corrected in between. No lock and no read first:
 * the versions of one indicator and period form a single chain, kept so by two unique indexes —
 * supersedesId (one successor per row) and ProgressReport_first_of_period_key (one first report,
 * supersedesId NULL, per indicator and period; prisma/schema.prisma). So the insert succeeds exactly
 * when the row the draft supersedes (or "nothing yet") is still the current one, and a concurrent
 * confirm — another instance, a typed 确认 racing a card button — waits for ours and then inserts
 * nothing (ON CONFLICT DO NOTHING: no error, so the turn's transaction is not aborted and the
 * refusal commits with it).
 */
export async function appendReport(db: Database, draft: ReportDraft, userId: number, at: Date): Promise<StoredReport> {
  const stored = await insertVersion(db, draft, userId, at);
  if (!stored) throw new AppError("conflict", CONFLICT, { draft });
  return stored;
}

/**
 * Appends several confirmed drafts (one message's items) together: all or none. A refused item
 * rolls the others back (a savepoint: a nested transaction, src/db/transaction.ts) and the whole
 * confirmation is a conflict. Items go in indicator order, so two batches waiting on each other's
 * uncommitted rows cannot deadlock.
 */
export async function appendReports(db: Database, drafts: ReportDraft[], userId: number, at: Date): Promise<StoredReport[]> {
  const ordered = [...drafts].sort((a, b) => a.indicatorId - b.indicatorId);
  return db.prisma.$transaction(async (tx) => {
    const inTx = { ...db, prisma: tx as unknown as Database["prisma"] };
    const stored: StoredReport[] = [];
    for (const d of ordered) {
      const row = await insertVersion(inTx, d, userId, at);
      if (!row) throw new AppError("conflict", CONFLICT, { drafts, refused: d });
      stored.push(row);
    }
    return stored;
  });
}

/** A timestamp parameter for a `timestamp(3)` column as Prisma stores it (UTC, whatever the session's TimeZone). */
function utc(at: Date): Prisma.Sql {
  return Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}

/**
 * One statement (a data-modifying CTE): the new version — nothing when a unique index refuses it —
 * plus, for a correction or withdrawal, the AuditLog row naming the actor (who changed whose
 * figure: a head or an admin may), read back with the reporter's name. Null: refused.
 */
async function insertVersion(db: Database, draft: ReportDraft, userId: number, at: Date): Promise<StoredReport | null> {
  const audit = draft.action === "new" ? null : {
    action: `report.${draft.action}`,
    detail: { indicatorId: draft.indicatorId, period: [draft.periodStart, draft.periodEnd], supersedesId: draft.supersedesId, restoresId: draft.restoresId ?? null, previous: draft.previous },
  };
  const [row] = await db.prisma.$queryRaw<JoinedRow[]>`
    WITH r AS (
      INSERT INTO "ProgressReport" ("indicatorId", "periodStart", "periodEnd", value, unit, status, withdrawn, "rawText", "reportedById", "supersedesId", "restoresId", "createdAt")
      VALUES (${draft.indicatorId}, ${draft.periodStart}::date, ${draft.periodEnd}::date, ${draft.value}::float8, ${draft.unit}::text, ${draft.status}::text,
              ${draft.withdrawn}, ${draft.rawText}, ${userId}, ${draft.supersedesId}::int, ${draft.restoresId ?? null}::int, ${utc(at)})
      ON CONFLICT DO NOTHING
      RETURNING *
    ), audit AS (
      INSERT INTO "AuditLog" (at, "actorUserId", action, subject, detail)
      SELECT ${utc(at)}, ${userId}, ${audit?.action ?? ""}, 'report:' || r.id, ${JSON.stringify(audit?.detail ?? null)}::jsonb FROM r WHERE ${audit !== null}
    )
    SELECT ${JOINED_COLUMNS} FROM r JOIN "User" u ON u.id = r."reportedById"`;
  return row ?? null;
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
