// One instance ticks at a time: a session-level Postgres advisory lock, tried (never waited for)
// on a dedicated connection and released when the work is done — or by the server when the
// connection dies with the process. PGlite has one connection, so there it always succeeds, which
// is right: one embedded database means one process.
import type { Database } from "../db/client.js";

/** Arbitrary but fixed: "jx reminders" — every instance must use the same number. */
export const REMINDER_LOCK_ID = 0x6a78_7265;

/** Runs `fn` when the lock is free; returns undefined when another instance holds it. */
export async function withTickLock<T>(db: Database, fn: () => Promise<T>, lockId = REMINDER_LOCK_ID): Promise<{ ran: true; value: T } | { ran: false }> {
  return db.session(async (conn) => {
    const [row] = await conn.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [lockId]);
    if (!row?.locked) return { ran: false as const };
    try {
      return { ran: true as const, value: await fn() };
    } finally {
      await conn.query("SELECT pg_advisory_unlock($1)", [lockId]);
    }
  });
}
