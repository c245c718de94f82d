// InboundEvent rows: one per platform message (unique platform + the platform's MESSAGE id, not
// the event id — Feishu redelivers one message under new event_ids for up to 7 h).
// Life of a row: received → processing (leased) → done | failed. Claiming is a compare-and-set on
// the status, so of two instances (or a redelivery racing a restart) exactly one processes it; a
// 'processing' row whose lease ran out belongs to a crashed process and may be claimed again.
// Times go to SQL as UTC ISO text cast to `timestamp` (Prisma's DateTime columns hold UTC).
import type { IncomingMessage, Platform } from "../conversation/types.js";
import type { Database } from "../db/client.js";

/** Inserts unless the message was seen before; returns the new row's id, or undefined for a repeat. */
export async function recordReceived(db: Database, msg: IncomingMessage): Promise<number | undefined> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO "InboundEvent" (platform, "externalId", status, payload, "receivedAt")
     VALUES ($1::"Platform", $2, 'received', $3::jsonb, $4::timestamp)
     ON CONFLICT (platform, "externalId") DO NOTHING
     RETURNING id`,
    [msg.platform, msg.messageId, JSON.stringify(msg), msg.receivedAt.toISOString()],
  );
  return rows[0]?.id;
}

/** Takes the row for processing; returns the attempt number, or undefined if someone else has it. */
export async function claimForProcessing(
  db: Database,
  id: number,
  now: Date,
  leaseMs: number,
): Promise<number | undefined> {
  const rows = await db.query<{ attempts: number }>(
    `UPDATE "InboundEvent"
        SET status = 'processing', attempts = attempts + 1, "leaseUntil" = $3::timestamp
      WHERE id = $1 AND (status = 'received' OR (status = 'processing' AND "leaseUntil" <= $2::timestamp))
      RETURNING attempts`,
    [id, now.toISOString(), new Date(now.getTime() + leaseMs).toISOString()],
  );
  return rows[0]?.attempts;
}

export interface PendingInbound {
  id: number;
  message: IncomingMessage;
}

/** Rows a crash left behind: never started, or started by a process whose lease ran out. */
export async function findUnfinished(db: Database, platform: Platform, now: Date): Promise<PendingInbound[]> {
  const rows = await db.query<{ id: number; payload: unknown }>(
    `SELECT id, payload FROM "InboundEvent"
      WHERE platform = $1::"Platform"
        AND (status = 'received' OR (status = 'processing' AND "leaseUntil" <= $2::timestamp))
      ORDER BY id LIMIT 500`,
    [platform, now.toISOString()],
  );
  return rows.map((r) => ({ id: r.id, message: reviveMessage(r.payload) }));
}

export function markDoneQuery(db: Database, id: number, now: Date) {
  return db.prisma.inboundEvent.update({ where: { id }, data: { status: "done", doneAt: now, leaseUntil: null } });
}

export async function markFailed(db: Database, id: number, now: Date): Promise<void> {
  await db.prisma.inboundEvent.update({ where: { id }, data: { status: "failed", doneAt: now, leaseUntil: null } });
}

function reviveMessage(payload: unknown): IncomingMessage {
  const raw = (typeof payload === "string" ? JSON.parse(payload) : payload) as IncomingMessage & { receivedAt: string };
  return { ...raw, receivedAt: new Date(raw.receivedAt) };
}
