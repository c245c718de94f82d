// One instance ticks at a time: a session-level Postgres advisory lock, tried (never waited for)
// on a dedicated connection and released when the work is done — or by the server when the
// connection dies with the process. PGlite has one connection, so there it always succeeds, which
// is right: one embedded database means one process.
// If the lock's connection is lost mid-run (server restart, failover, pg_terminate_backend), the
// lock is gone with it: the run ends at its next step (`signal`), the error is the tick's failure,
// and the next tick starts over — the delivery keys make sure nothing is sent twice.
import type { Database } from "../db/client.js";

/** Arbitrary but fixed: "jx reminders" — every instance must use the same number. */
export const REMINDER_LOCK_ID = 0x6a78_7265;

export class TickLockLost extends Error {}

/**
 * Runs `fn` when the lock is free; returns undefined when another instance holds it. `fn` gets a
 * signal that aborts when the lock's connection fails; the call then rejects with TickLockLost.
 */
export async function withTickLock<T>(
  db: Database,
  fn: (signal: AbortSignal) => Promise<T>,
  lockId = REMINDER_LOCK_ID,
): Promise<{ ran: true; value: T } | { ran: false }> {
  return db.session(async (conn) => {
    const [row] = await conn.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [lockId]);
    if (!row?.locked) return { ran: false as const };
    const signal = conn.lost ?? new AbortController().signal;
    try {
      const value = await fn(signal);
      if (signal.aborted) throw new TickLockLost("the reminder lock's connection was lost during the run", { cause: signal.reason });
      return { ran: true as const, value };
    } finally {
      // After a lost connection the server has already released the lock.
      if (!signal.aborted) await conn.query("SELECT pg_advisory_unlock($1)", [lockId]);
    }
  });
}
