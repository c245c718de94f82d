// Platform send limits as token buckets stored in the database, so every instance sharing one
// PostgreSQL draws from the same budget (on PGlite the same SQL serves the one process).
// One row per bucket (SendBucket); a send takes one token from each of its buckets in a single
// UPDATE that locks the rows in key order and takes nothing unless every bucket has a token —
// atomic without a transaction of our own. Time is the database's clock (clock_timestamp() in UTC),
// so instances with skewed clocks still agree. Burst = one second's worth of tokens (at least one).
// Limits [doc]: Feishu 50/s per app and 5/s per user or chat (open.feishu.cn 频率控制 /
// document/ukTMukTMukTM/uUzN04SN3QjL1cDN); DingTalk standard edition 20 QPS per app per API
// (/work/shared/PLATFORMS.md, developer.aliyun.com/ask/615474). The platforms' own throttling
// answers and the outbox's back-off remain the backstop.
import type { Database } from "../db/client.js";
import type { RateBucket } from "./types.js";

export interface RateLimits {
  /** Sends per second for the whole app. */
  perApp: number;
  /** Sends per second to one user or group. */
  perRecipient: number;
}

export const feishuRateLimits: RateLimits = { perApp: 50, perRecipient: 5 };

/** The buckets of a sender that does not declare its own: the app's, and the recipient's. */
export function defaultBuckets(platform: string, limits: RateLimits, recipient: string | undefined): RateBucket[] {
  const app = { key: `${platform}:app`, perSecond: limits.perApp };
  return recipient === undefined ? [app] : [app, { key: `${platform}:to:${recipient}`, perSecond: limits.perRecipient }];
}

const ENSURE = `INSERT INTO "SendBucket" (key, tokens, "updatedAt")
  SELECT k, GREATEST(1, r), clock_timestamp() AT TIME ZONE 'UTC' FROM unnest($1::text[], $2::float8[]) AS w(k, r)
  ON CONFLICT (key) DO NOTHING`;

const TAKE = `
WITH w AS (SELECT * FROM unnest($1::text[], $2::float8[]) AS w(key, rate)),
cur AS (
  SELECT b.key, w.rate,
         LEAST(GREATEST(1, w.rate), b.tokens + GREATEST(0, EXTRACT(EPOCH FROM (clock_timestamp() AT TIME ZONE 'UTC') - b."updatedAt")) * w.rate) AS avail
    FROM "SendBucket" b JOIN w ON w.key = b.key
   ORDER BY b.key
     FOR UPDATE OF b),
ok AS (SELECT bool_and(avail >= 1) AS granted FROM cur)
UPDATE "SendBucket" b
   SET tokens = cur.avail - CASE WHEN ok.granted THEN 1 ELSE 0 END,
       "updatedAt" = clock_timestamp() AT TIME ZONE 'UTC'
  FROM cur, ok
 WHERE b.key = cur.key
RETURNING ok.granted, cur.avail::float8 AS avail, cur.rate::float8 AS rate`;

export class DatabaseRateLimiter {
  private readonly known = new Set<string>();
  /** Waiters of one process queue here per first bucket, so only one of them polls the database. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly db: Database) {}

  /** Waits until every bucket has a token, then takes one from each (in call order per process). */
  acquire(buckets: RateBucket[]): Promise<void> {
    const live = buckets.filter((b) => Number.isFinite(b.perSecond) && b.perSecond > 0);
    if (live.length === 0) return Promise.resolve();
    const lane = live[0]!.key;
    const turn = (this.queues.get(lane) ?? Promise.resolve()).then(() => this.take(live));
    const settled = turn.catch(() => undefined);
    this.queues.set(lane, settled);
    void settled.then(() => {
      if (this.queues.get(lane) === settled) this.queues.delete(lane);
    });
    return turn;
  }

  private async take(live: RateBucket[]): Promise<void> {
    await this.ensure(live);
    const keys = live.map((b) => b.key);
    const rates = live.map((b) => b.perSecond);
    for (;;) {
      const rows = await this.db.query<{ granted: boolean; avail: number; rate: number }>(TAKE, [keys, rates]);
      if (rows.length === 0 || rows[0]!.granted) return;
      const waitMs = Math.max(...rows.map((r) => (r.avail >= 1 ? 0 : ((1 - r.avail) / r.rate) * 1000)));
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.ceil(waitMs))));
    }
  }

  private async ensure(buckets: RateBucket[]): Promise<void> {
    const missing = buckets.filter((b) => !this.known.has(b.key));
    if (missing.length === 0) return;
    await this.db.query(ENSURE, [missing.map((b) => b.key), missing.map((b) => b.perSecond)]);
    if (this.known.size > 10_000) this.known.clear();
    for (const b of missing) this.known.add(b.key);
  }
}
