// One transaction per unit of work, retried when the database (not the request) was at fault.
//   inTransaction(db, fn)   runs fn with a Database bound to one transaction: its `prisma`,
//                           `query`, `exec` and `session` all go through that transaction, and a
//                           nested `prisma.$transaction(...)` becomes a SAVEPOINT (a refused insert
//                           inside it does not abort the whole turn).
//   retryTransient(fn)      runs fn again, with capped exponential back-off, while it fails with a
//                           transient database error; any other error is thrown at once.
//   isTransientDbError(err) connection lost / refused, serialization failure, deadlock, lock or
//                           statement timeout, Prisma unable to start a transaction in time.
import type { Database, SqlConnection } from "./client.js";
import type { PrismaClient } from "../generated/prisma/client.js";

/** The caller decided this work must not commit (e.g. another process took it over): not retried, not answered. */
export class Abandoned extends Error {}

/** Interactive-transaction limits (Prisma's defaults, 2 s / 5 s, are too tight for a busy pool). */
const TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 };

/** Runs `fn` in one transaction; everything `fn` does through the given Database commits or rolls back together. */
export async function inTransaction<T>(db: Database, fn: (tx: Database) => Promise<T>): Promise<T> {
  if (isTransactional(db)) return db.prisma.$transaction((tx) => fn(bindTo(db, tx as unknown as PrismaClient)));
  return db.prisma.$transaction((tx) => fn(bindTo(db, tx as unknown as PrismaClient)), TX_OPTIONS);
}

const TX = Symbol("transaction");

function isTransactional(db: Database): boolean {
  return (db as Database & { [TX]?: boolean })[TX] === true;
}

function bindTo(db: Database, tx: PrismaClient): Database {
  const conn: SqlConnection = {
    // Prisma's raw API takes one statement at a time; callers inside a turn send single statements.
    exec: async (sql) => {
      await tx.$executeRawUnsafe(sql);
    },
    query: async <R>(sql: string, params: unknown[] = []) => tx.$queryRawUnsafe<R[]>(sql, ...params),
  };
  return Object.assign(
    { ...db, prisma: db.instrument ? db.instrument(tx) : tx, ...conn, session: <R>(fn: (c: SqlConnection) => Promise<R>) => fn(conn) },
    { [TX]: true },
  );
}

// SQLSTATEs after which the same work may well succeed on a new try (PostgreSQL appendix A):
// class 08 connection exceptions, 57P01-03 admin/crash shutdown and cannot-connect-now, 40001
// serialization failure, 40P01 deadlock, 55P03 lock not available, 57014 statement timeout
// (lock_timeout / statement_timeout), 53300 too many connections, 25P02 only after one of those.
const TRANSIENT_SQLSTATE = /^(08...|57P0[123]|40001|40P01|55P03|57014|53300)$/;
// node-postgres and Prisma's driver-adapter phrasing of the same conditions.
const TRANSIENT_CODE = new Set([
  "ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN",
  "ConnectionClosed", "DatabaseNotReachable", "SocketTimeout", "TooManyConnections", "TransactionWriteConflict",
  "P1001", "P1002", "P1008", "P1017", "P2024", "P2028", "P2034",
]);
const TRANSIENT_TEXT =
  /Connection terminated|connection (is )?closed|terminating connection|Client has encountered a connection error|Client was closed|timeout exceeded when trying to connect|Transaction already closed|Unable to start a transaction|Transaction API error|could not serialize|deadlock detected|Can't reach database server|the database system is (starting up|shutting down|in recovery)|not currently accepting connections|does not allow connections/i;

/** True when `err` (or anything it wraps) says the database, not the work, failed. */
export function isTransientDbError(err: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (e: unknown, depth: number): boolean => {
    if (!e || typeof e !== "object" || seen.has(e) || depth > 6) return false;
    seen.add(e);
    const o = e as Record<string, unknown>;
    for (const key of ["code", "originalCode", "kind", "errno"]) {
      const v = o[key];
      if (typeof v === "string" && (TRANSIENT_SQLSTATE.test(v) || TRANSIENT_CODE.has(v))) return true;
    }
    if (typeof o.message === "string" && TRANSIENT_TEXT.test(o.message)) return true;
    return ["cause", "meta", "driverAdapterError", "error"].some((k) => visit(o[k], depth + 1));
  };
  return visit(err, 0);
}

export interface RetryOptions {
  /** Tries in all, the first included (default 6). */
  attempts?: number;
  /** First back-off in ms, doubled per try up to `maxDelayMs` (default 100 / 3,000). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  onRetry?(err: unknown, attempt: number, delayMs: number): void;
}

/** Runs `fn` until it succeeds, fails with a non-transient error, or the tries are used up (then the last error). */
export async function retryTransient<T>(fn: () => Promise<T>, o: RetryOptions = {}): Promise<T> {
  const attempts = o.attempts ?? 6;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= attempts || !isTransientDbError(err)) throw err;
      const cap = Math.min(o.maxDelayMs ?? 3_000, (o.baseDelayMs ?? 100) * 2 ** (attempt - 1));
      const delay = Math.round(cap / 2 + (Math.random() * cap) / 2); // jitter: retries of many turns spread out
      o.onRetry?.(err, attempt, delay);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
