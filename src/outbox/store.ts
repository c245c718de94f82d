// OutboundMessage rows: insert-or-ignore, claim, and the three outcomes of an attempt.
// Claiming is one UPDATE over a `FOR UPDATE SKIP LOCKED` sub-select, so several instances on one
// PostgreSQL never take the same row; PGlite (one connection) runs the same SQL. While a row is
// 'sending', `nextAttemptAt` is its lease: if the instance dies mid-send, the row becomes due again
// when the lease runs out and another worker retries it (the platform's idempotency key — Feishu
// `uuid` — keeps that retry from showing up twice).
// Times go to SQL as UTC ISO text cast to `timestamp` (Prisma's DateTime columns hold UTC).
import type { Database } from "../db/client.js";
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import type { Json, OutgoingMessage } from "./types.js";

export interface ClaimedMessage {
  id: number;
  idempotencyKey: string;
  platform: string;
  target: Json;
  payload: Json;
  /** Including this one. */
  attempts: number;
}

type Client = Pick<PrismaClient, "outboundMessage">;

/** Insert-or-ignore (unique idempotencyKey). Returns a Prisma promise, usable in `$transaction([...])`. */
export function insertOutgoing(prisma: Client, messages: OutgoingMessage[], now: Date) {
  return prisma.outboundMessage.createMany({
    data: messages.map((m) => ({
      idempotencyKey: m.idempotencyKey,
      platform: m.platform,
      target: m.target as Prisma.InputJsonValue,
      payload: m.payload as Prisma.InputJsonValue,
      nextAttemptAt: m.notBefore ?? now,
    })),
    skipDuplicates: true,
  });
}

const CLAIM = `
UPDATE "OutboundMessage" o
   SET status = 'sending', attempts = o.attempts + 1, "nextAttemptAt" = $2::timestamp
 WHERE o.id IN (
   SELECT id FROM "OutboundMessage"
    WHERE status IN ('pending', 'sending') AND "nextAttemptAt" <= $1::timestamp
      AND platform::text = ANY(string_to_array($3, ','))
    ORDER BY "nextAttemptAt", id
    LIMIT $4
      FOR UPDATE SKIP LOCKED)
RETURNING o.id, o."idempotencyKey", o.platform::text AS platform, o.target, o.payload, o.attempts`;

export async function claimDue(
  db: Database,
  opts: { now: Date; leaseMs: number; platforms: string[]; limit: number },
): Promise<ClaimedMessage[]> {
  const leaseUntil = new Date(opts.now.getTime() + opts.leaseMs);
  const rows = await db.query<ClaimedMessage>(CLAIM, [
    opts.now.toISOString(),
    leaseUntil.toISOString(),
    opts.platforms.join(","),
    opts.limit,
  ]);
  return rows.sort((a, b) => a.id - b.id);
}

/**
 * Extends our lease on a claimed row right before sending it. False when the row is no longer ours
 * — its lease ran out while it waited behind earlier messages to the same recipient (rate limits,
 * slow sends) and another instance claimed it (attempts moved on) or already sent it. The platform's
 * idempotency key covers only Feishu; this check covers every platform.
 */
export async function renewLease(db: Database, m: Pick<ClaimedMessage, "id" | "attempts">, leaseUntil: Date): Promise<boolean> {
  const rows = await db.query<{ id: number }>(
    `UPDATE "OutboundMessage" SET "nextAttemptAt" = $3::timestamp WHERE id = $1 AND status = 'sending' AND attempts = $2 RETURNING id`,
    [m.id, m.attempts, leaseUntil.toISOString()],
  );
  return rows.length === 1;
}

export async function markSent(db: Database, id: number, externalId: string | undefined, now: Date): Promise<void> {
  await db.prisma.outboundMessage.update({
    where: { id },
    data: { status: "sent", externalId: externalId ?? null, sentAt: now, lastError: null },
  });
}

export async function markRetry(db: Database, id: number, error: string, nextAttemptAt: Date): Promise<void> {
  await db.prisma.outboundMessage.update({
    where: { id },
    data: { status: "pending", lastError: error.slice(0, 2000), nextAttemptAt },
  });
}

export async function markFailed(db: Database, id: number, error: string): Promise<void> {
  await db.prisma.outboundMessage.update({
    where: { id },
    data: { status: "failed", lastError: error.slice(0, 2000) },
  });
}
