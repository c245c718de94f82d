// InboundEvent rows: one per platform message (unique platform + the platform's MESSAGE id, not
// the event id — Feishu redelivers one message under new event_ids for up to 7 h).
// Life of a row: received → processing (leased) → done | failed. Claiming is a compare-and-set on
// the status, so of two instances (or a redelivery racing a restart) exactly one processes it; a
// 'processing' row whose lease ran out belongs to a crashed process and may be claimed again.
// Times go to SQL as UTC ISO text cast to `timestamp` (Prisma's DateTime columns hold UTC).
import type { IncomingMessage, Platform } from "../messages.js";
import type { Database } from "../db/client.js";

/** Inserts unless the message was seen before; returns the new row's id, or undefined for a repeat. */
export async function recordReceived(db: Database, msg: IncomingMessage): Promise<number | undefined> {
  return (await recordReceivedMany(db, [msg]))[0];
}

/**
 * Inserts several messages in ONE statement on the door's connections (`Database.doorQuery`):
 * group commit — one round trip and one WAL flush for every message that arrived while the previous
 * insert was running (src/inbound/group-commit.ts). Returns, per message in order, the new row's id
 * or undefined when it was seen before (also for a second copy within `msgs`). Ids are assigned in
 * the order of `msgs` (WITH ORDINALITY … ORDER BY), which keeps one sender's messages in order
 * (claimForProcessing relies on it).
 */
export async function recordReceivedMany(db: Database, msgs: IncomingMessage[]): Promise<Array<number | undefined>> {
  if (msgs.length === 0) return [];
  const rows = await db.doorQuery<{ id: number; platform: string; externalId: string }>(
    `INSERT INTO "InboundEvent" (platform, "externalId", status, payload, "receivedAt", sender)
     SELECT m.platform::"Platform", m.external_id, 'received', m.payload::jsonb, m.received_at::timestamp, m.sender
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
            AS m(platform, external_id, payload, received_at, sender, n)
      ORDER BY m.n
     ON CONFLICT (platform, "externalId") DO NOTHING
     RETURNING id, platform::text AS platform, "externalId"`,
    [
      msgs.map((m) => m.platform),
      msgs.map((m) => m.messageId),
      msgs.map((m) => JSON.stringify(m)),
      msgs.map((m) => m.receivedAt.toISOString()),
      msgs.map((m) => m.externalUserId),
    ],
  );
  const ids = new Map(rows.map((r) => [`${r.platform}\u0000${r.externalId}`, r.id]));
  // A second copy of one message in the same batch is a repeat: only its first occurrence gets the id.
  return msgs.map((m) => {
    const key = `${m.platform}\u0000${m.messageId}`;
    const id = ids.get(key);
    ids.delete(key);
    return id;
  });
}

/**
 * Takes the row for processing; returns the attempt number, or undefined if someone else has it —
 * or if an earlier message of the same sender is still unfinished. One process keeps a sender's
 * messages in order with its own queue, but another instance's recovery sees a row that is only
 * waiting in that queue as 'received': without this check it could answer "确认" before the
 * report it confirms. The refused row stays 'received' for its own queue or a later recovery.
 */
export async function claimForProcessing(
  db: Database,
  id: number,
  now: Date,
  leaseMs: number,
): Promise<number | undefined> {
  const rows = await db.query<{ attempts: number }>(
    `UPDATE "InboundEvent" e
        SET status = 'processing', attempts = e.attempts + 1, "leaseUntil" = $3::timestamp
      WHERE e.id = $1 AND (e.status = 'received' OR (e.status = 'processing' AND e."leaseUntil" <= $2::timestamp))
        AND NOT EXISTS (
          -- InboundEvent_unfinished_by_sender_idx: only this sender's unfinished rows are read.
          SELECT 1 FROM "InboundEvent" o
           WHERE o.platform = e.platform AND o.sender = e.sender AND o.id < e.id
             AND o.status IN ('received', 'processing'))
      RETURNING e.attempts`,
    [id, now.toISOString(), new Date(now.getTime() + leaseMs).toISOString()],
  );
  return rows[0]?.attempts;
}

/**
 * After a refused claim: is the row still untouched ('received')? Then it was refused only because
 * an earlier message of its sender was unfinished at that moment, and it is still ours to retry;
 * otherwise another instance has it or it is done.
 */
export async function isStillWaiting(db: Database, id: number): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM "InboundEvent" WHERE id = $1 AND status = 'received'`, [id]);
  return rows.length > 0;
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

/**
 * Marks the row done if this processor still holds it (status 'processing' with the attempt number
 * its claim returned); false when the lease ran out and another processor took it over — then this
 * turn must not commit, or the message would be answered twice.
 */
export async function markDone(tx: Database, id: number, attempt: number, now: Date): Promise<boolean> {
  const n = await tx.prisma.inboundEvent.updateMany({
    where: { id, status: "processing", attempts: attempt },
    data: { status: "done", doneAt: now, leaseUntil: null },
  });
  return n.count === 1;
}

/** Gives a claim back untouched (a database outage outlasted the retries): the attempt does not count. */
export async function releaseClaim(db: Database, id: number, attempt: number): Promise<void> {
  await db.prisma.inboundEvent.updateMany({
    where: { id, status: "processing", attempts: attempt },
    data: { status: "received", attempts: attempt - 1, leaseUntil: null },
  });
}

/** The event is given up (its turn failed too often): not processed again, kept for inspection. */
export async function markEventFailed(db: Database, id: number, now: Date): Promise<void> {
  await db.prisma.inboundEvent.update({ where: { id }, data: { status: "failed", doneAt: now, leaseUntil: null } });
}

function reviveMessage(payload: unknown): IncomingMessage {
  const raw = (typeof payload === "string" ? JSON.parse(payload) : payload) as IncomingMessage & { receivedAt: string };
  // A row stored before messages carried their reply address has none: its replies fail visibly
  // (`outbox failed`) instead of the turn failing on a missing target.
  return { ...raw, replyTo: raw.replyTo ?? {}, receivedAt: new Date(raw.receivedAt) };
}
