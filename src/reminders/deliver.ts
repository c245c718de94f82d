// Sends what the plan says is due. One transaction per chunk inserts the ReminderDelivery rows
// (unique key) and, only for the rows that insert created, the outbox rows with the same key as
// idempotency key: a restart, a second instance or a repeated CLI run collides on the index and
// sends nothing, and a crash between the two inserts cannot leave a delivery without a message.
import { systemClock } from "../clock.js";
import type { Prisma } from "../generated/prisma/client.js";
import { insertOutgoing } from "../outbox/store.js";
import { withTickLock } from "./lock.js";
import { planReminders, type PlannedReminder, type ReminderContext } from "./plan.js";
import { outboxTarget } from "./recipients.js";

export interface RunResult {
  /** false: another instance holds the tick lock; nothing was done here. */
  ran: boolean;
  sent: PlannedReminder[];
  /** Due in the plan but already taken by someone else between plan and insert. */
  collided: number;
}

/** What the outbox offers the tick; `kick` wakes its worker after our own transaction committed. */
export interface OutboxPort {
  kick(): void;
  /** The outbox's wall clock: new rows are due at its now. */
  now?(): Date;
}

export async function runDueReminders(ctx: ReminderContext & { outbox?: OutboxPort }, now: Date): Promise<RunResult> {
  const result = await withTickLock(ctx.db, async (signal) => deliverPlanned(ctx, (await planReminders(ctx, now)).items, signal));
  return result.ran ? { ran: true, ...result.value } : { ran: false, sent: [], collided: 0 };
}

/** Rows per transaction: big fan-outs commit (and start sending) in steps, not all at the end. */
const CHUNK = 100;

/**
 * Delivers the plan's due items; safe without the lock too (the unique key decides). The plan is
 * made at business time (BOT_NOW, `--now`); the outbox rows are due at wall-clock time, which is
 * what the outbox worker compares with — a plan made for a future day must not park its messages
 * until that day, nor a past one let rows skip their turn.
 */
export async function deliverPlanned(ctx: ReminderContext & { outbox?: OutboxPort }, items: PlannedReminder[], signal?: AbortSignal): Promise<Omit<RunResult, "ran">> {
  const due = items.filter((i) => i.status === "due" && i.address);
  const sent: PlannedReminder[] = [];
  for (let i = 0; i < due.length; i += CHUNK) {
    if (signal?.aborted) break; // the tick lock is gone: the next tick carries on

    const sendAt = ctx.outbox?.now?.() ?? systemClock.now();
    sent.push(...(await deliverChunk(ctx, due.slice(i, i + CHUNK), sendAt)));
    ctx.outbox?.kick();
  }
  return { sent, collided: due.length - sent.length };
}

/**
 * Inserts the delivery rows that do not exist yet (ON CONFLICT DO NOTHING … RETURNING tells which
 * did), then the outbox rows for exactly those, then links them — all in one transaction.
 */
async function deliverChunk(ctx: ReminderContext, items: PlannedReminder[], sendAt: Date): Promise<PlannedReminder[]> {
  return ctx.db.prisma.$transaction(async (tx) => {
    const inserted = await tx.reminderDelivery.createManyAndReturn({
      data: items.map((item) => ({
        key: item.key,
        ruleCode: item.ruleCode,
        periodKey: item.periodKey,
        stage: item.stage,
        userId: item.recipient.userId,
        chatPlatform: item.address?.chat ? item.address.platform : null,
        chatId: item.address?.chat ? item.address.externalId : null,
        detail: { reason: item.reason, indicators: item.indicators, sections: item.sections, deadline: item.deadline } as Prisma.InputJsonValue,
      })),
      skipDuplicates: true,
      select: { key: true },
    });
    const ours = new Set(inserted.map((r) => r.key));
    const mine = items.filter((i) => ours.has(i.key));
    if (mine.length === 0) return [];
    const messages = mine.map((item) => ({
      idempotencyKey: item.key,
      platform: item.address!.platform,
      target: outboxTarget(item.address!),
      payload: { kind: "card" as const, card: item.card },
      kind: "reminder" as const, // at most once where the platform cannot de-duplicate (docs/delivery.md)
    }));
    await insertOutgoing(tx, messages, sendAt);
    await tx.$executeRaw`UPDATE "ReminderDelivery" d SET "outboxId" = o.id FROM "OutboundMessage" o
      WHERE o."idempotencyKey" = d.key AND d.key = ANY(${[...ours]})`;
    return mine;
  });
}
