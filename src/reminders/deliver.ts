// Sends what the plan says is due. Per reminder, one transaction inserts the ReminderDelivery row
// (unique key) and, only when that insert happened, the outbox row with the same key as its
// idempotency key: a restart, a second instance or a repeated CLI run collides on the index and
// sends nothing, and a crash between the two inserts cannot leave a delivery without a message.
import type { Prisma } from "../generated/prisma/client.js";
import { insertOutgoing } from "../outbox/store.js";
import type { Json } from "../outbox/types.js";
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
}

export async function runDueReminders(ctx: ReminderContext & { outbox?: OutboxPort }, now: Date): Promise<RunResult> {
  const result = await withTickLock(ctx.db, async () => deliverPlanned(ctx, (await planReminders(ctx, now)).items, now));
  return result.ran ? { ran: true, ...result.value } : { ran: false, sent: [], collided: 0 };
}

/** Delivers the plan's due items; safe without the lock too (the unique key decides). */
export async function deliverPlanned(ctx: ReminderContext & { outbox?: OutboxPort }, items: PlannedReminder[], now: Date): Promise<Omit<RunResult, "ran">> {
  const sent: PlannedReminder[] = [];
  let collided = 0;
  for (const item of items.filter((i) => i.status === "due")) {
    if (await deliverOne(ctx, item, now)) sent.push(item);
    else collided++;
  }
  if (sent.length > 0) ctx.outbox?.kick();
  return { sent, collided };
}

async function deliverOne(ctx: ReminderContext, item: PlannedReminder, now: Date): Promise<boolean> {
  const address = item.address!;
  return ctx.db.prisma.$transaction(async (tx) => {
    const detail = { reason: item.reason, indicators: item.indicators, sections: item.sections, deadline: item.deadline } as Prisma.InputJsonValue;
    const inserted = await tx.reminderDelivery.createMany({
      data: [{ key: item.key, ruleCode: item.ruleCode, periodKey: item.periodKey, stage: item.stage, userId: item.recipient.userId, detail }],
      skipDuplicates: true,
    });
    if (inserted.count === 0) return false;
    const payload = { kind: "card", card: item.card } as unknown as Json;
    await insertOutgoing(tx, [{ idempotencyKey: item.key, platform: address.platform, target: outboxTarget(address), payload }], now);
    const row = await tx.outboundMessage.findUnique({ where: { idempotencyKey: item.key }, select: { id: true } });
    await tx.reminderDelivery.update({ where: { key: item.key }, data: { outboxId: row?.id ?? null } });
    return true;
  });
}
