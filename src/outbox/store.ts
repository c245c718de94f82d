// OutboundMessage rows: insert-or-ignore, claim, and the outcomes of an attempt.
// Claiming is one UPDATE over a `FOR UPDATE SKIP LOCKED` sub-select, so several instances on one
// PostgreSQL never take the same row; PGlite (one connection) runs the same SQL. Only the head of
// each recipient queue (`orderKey`) is claimable: a later message waits behind an earlier one that
// is still pending, sending or waiting for a retry, so retries never let replies overtake.
// While a row is 'sending', `nextAttemptAt` is its lease: if the instance dies mid-send, the row
// becomes due again when the lease runs out; `sendStartedAt` then tells the next worker that a
// request may have left (docs/delivery.md decides per platform what happens).
// Outcome writes name the attempt they belong to: a worker whose row was taken over writes nothing.
// Times go to SQL as UTC ISO text cast to `timestamp` (Prisma's DateTime columns hold UTC).
import type { Database } from "../db/client.js";
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import { orderKeyOf } from "./order-key.js";
import type { Reply, ReplyAddress } from "../messages.js";
import type { Json, MessageKind, OutgoingMessage } from "./types.js";

export interface ClaimedMessage {
  id: number;
  idempotencyKey: string;
  platform: string;
  target: ReplyAddress;
  payload: Reply;
  kind: MessageKind;
  /** Including this one. */
  attempts: number;
  createdAt: Date;
  /** Set: an earlier attempt may have reached the platform and its outcome is unknown. */
  sendStartedAt: Date | null;
  resentInDoubt: number;
  progress: Json;
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
      kind: m.kind ?? "reply",
      orderKey: orderKeyOf(m.platform, m.target),
      nextAttemptAt: m.notBefore ?? now,
      createdAt: now, // the retry horizon counts from here, on the outbox's clock
    })),
    skipDuplicates: true,
  });
}

const CLAIM = `
UPDATE "OutboundMessage" o
   SET status = 'sending', attempts = o.attempts + 1, "nextAttemptAt" = $2::timestamp
 WHERE o.id IN (
   SELECT m.id FROM "OutboundMessage" m
    WHERE m.status IN ('pending', 'sending') AND m."nextAttemptAt" <= $1::timestamp
      AND m.platform::text = ANY(string_to_array($3, ','))
      AND NOT EXISTS (
        SELECT 1 FROM "OutboundMessage" e
         WHERE e."orderKey" = m."orderKey" AND e.id < m.id AND e.status IN ('pending', 'sending')
           AND (e.attempts > 0 OR e."nextAttemptAt" <= $1::timestamp))
    ORDER BY m."nextAttemptAt", m.id
    LIMIT $4
      FOR UPDATE SKIP LOCKED)
RETURNING o.id, o."idempotencyKey", o.platform::text AS platform, o.target, o.payload, o.kind, o.attempts,
          (EXTRACT(EPOCH FROM o."createdAt") * 1000)::float8 AS "createdAtMs",
          (EXTRACT(EPOCH FROM o."sendStartedAt") * 1000)::float8 AS "sendStartedAtMs", o."resentInDoubt", o.progress`;

export async function claimDue(
  db: Database,
  opts: { now: Date; leaseMs: number; platforms: string[]; limit: number },
): Promise<ClaimedMessage[]> {
  const leaseUntil = new Date(opts.now.getTime() + opts.leaseMs);
  type Row = Omit<ClaimedMessage, "createdAt" | "sendStartedAt"> & { createdAtMs: number; sendStartedAtMs: number | null };
  const rows = await db.query<Row>(CLAIM, [
    opts.now.toISOString(),
    leaseUntil.toISOString(),
    opts.platforms.join(","),
    opts.limit,
  ]);
  // Epoch milliseconds, not Date: node-postgres reads a `timestamp` column in the process's time zone.
  return rows
    .map(({ createdAtMs, sendStartedAtMs, ...r }) => ({
      ...r,
      createdAt: new Date(Number(createdAtMs)),
      sendStartedAt: sendStartedAtMs === null ? null : new Date(Number(sendStartedAtMs)),
    }))
    .sort((a, b) => a.id - b.id);
}

/**
 * Marks the row as "a request may leave now" and extends our lease, right before sending. False
 * when the row is no longer ours — its lease ran out while it waited (rate limits, slow sends) and
 * another instance claimed it or already sent it. `resend` counts a re-send after an unknown outcome.
 */
export async function beginSend(
  db: Database,
  m: Pick<ClaimedMessage, "id" | "attempts">,
  leaseUntil: Date,
  now: Date,
  resend = false,
): Promise<boolean> {
  const rows = await db.query<{ id: number }>(
    `UPDATE "OutboundMessage" SET "nextAttemptAt" = $3::timestamp, "sendStartedAt" = $4::timestamp,
            "resentInDoubt" = "resentInDoubt" + $5
      WHERE id = $1 AND status = 'sending' AND attempts = $2 RETURNING id`,
    [m.id, m.attempts, leaseUntil.toISOString(), now.toISOString(), resend ? 1 : 0],
  );
  return rows.length === 1;
}

type Attempt = Pick<ClaimedMessage, "id" | "attempts">;
const ours = (m: Attempt) => ({ id: m.id, attempts: m.attempts, status: "sending" });

export async function saveProgress(db: Database, m: Attempt, progress: Json): Promise<void> {
  await db.prisma.outboundMessage.updateMany({ where: ours(m), data: { progress: progress as Prisma.InputJsonValue } });
}

export async function markSent(db: Database, m: Attempt, externalId: string | undefined, now: Date): Promise<void> {
  await db.prisma.outboundMessage.updateMany({
    where: ours(m),
    data: { status: "sent", externalId: externalId ?? null, sentAt: now, lastError: null, sendStartedAt: null },
  });
}

/** `inDoubt`: the request may have reached the platform (keeps sendStartedAt for the next attempt). */
export async function markRetry(db: Database, m: Attempt, error: string, nextAttemptAt: Date, inDoubt: boolean): Promise<void> {
  await db.prisma.outboundMessage.updateMany({
    where: ours(m),
    data: { status: "pending", lastError: error.slice(0, 2000), nextAttemptAt, ...(inDoubt ? {} : { sendStartedAt: null }) },
  });
}

export async function markFailed(db: Database, m: Attempt, error: string): Promise<void> {
  await db.prisma.outboundMessage.updateMany({ where: ours(m), data: { status: "failed", lastError: error.slice(0, 2000) } });
}

/** Outcome unknown and not to be repeated (at most once): kept for an administrator to look at. */
export async function markUnknown(db: Database, m: Attempt, reason: string): Promise<void> {
  await db.prisma.outboundMessage.updateMany({ where: ours(m), data: { status: "unknown", lastError: reason.slice(0, 2000) } });
}
