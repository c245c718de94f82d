// What an administrator (CLI `outbox failed|retry`) and the health endpoint see of the outbox:
// messages that failed for good (permanent answer, or past the retry horizon) and messages whose
// outcome is unknown (not repeated, see docs/delivery.md), and re-queueing them.
import type { Database } from "../db/client.js";
import type { Json } from "./types.js";

export interface UndeliveredMessage {
  id: number;
  platform: string;
  kind: string;
  status: "failed" | "unknown";
  /** The person or chat (the recipient queue key without the platform prefix). */
  recipient: string;
  attempts: number;
  reason: string;
  createdAt: Date;
  target: Json;
}

/** Rows that failed for good or whose outcome is unknown, oldest first. */
export async function listUndelivered(db: Database, opts: { limit?: number; status?: "failed" | "unknown" } = {}): Promise<UndeliveredMessage[]> {
  const rows = await db.prisma.outboundMessage.findMany({
    where: { status: opts.status ? opts.status : { in: ["failed", "unknown"] } },
    orderBy: { id: "asc" },
    take: opts.limit ?? 200,
  });
  return rows.map((r) => ({
    id: r.id,
    platform: r.platform,
    kind: r.kind,
    status: r.status as "failed" | "unknown",
    recipient: r.orderKey.slice(r.platform.length + 1),
    attempts: r.attempts,
    reason: r.lastError ?? "",
    createdAt: r.createdAt,
    target: r.target as Json,
  }));
}

/** Counts for health details: how many messages failed for good and how many have an unknown outcome. */
export async function undeliveredCounts(db: Database): Promise<{ failed: number; unknown: number }> {
  // Raw SQL: /readyz asks this, and readiness must not wait for the ORM's first-query set-up.
  const rows = await db.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM "OutboundMessage" WHERE status IN ('failed', 'unknown') GROUP BY status`,
  );
  const count = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  return { failed: count("failed"), unknown: count("unknown") };
}

/**
 * Puts failed (and, by id, unknown-outcome) rows back in their queue, due now; their retry horizon
 * starts again. `ids: "all"` re-queues every failed row (never the unknown ones: repeating those
 * is a decision about one message at a time). Returns the ids re-queued.
 */
export async function requeue(db: Database, ids: number[] | "all", now: Date): Promise<number[]> {
  const where = ids === "all" ? { status: "failed" } : { id: { in: ids }, status: { in: ["failed", "unknown"] } };
  return db.prisma.$transaction(async (tx) => {
    const rows = await tx.outboundMessage.findMany({ where, select: { id: true }, orderBy: { id: "asc" } });
    const chosen = rows.map((r) => r.id);
    if (chosen.length === 0) return [];
    await tx.outboundMessage.updateMany({
      where: { id: { in: chosen } },
      data: { status: "pending", nextAttemptAt: now, createdAt: now, sendStartedAt: null, resentInDoubt: 0 },
    });
    return chosen;
  });
}
