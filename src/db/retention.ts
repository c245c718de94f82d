// Delivery bookkeeping that has done its job is deleted after a while, so InboundEvent and
// OutboundMessage do not grow for ever. Kept long enough for every platform's redelivery window
// (Feishu: ~7 h, DingTalk: hours) and for an administrator to look into a complaint.
// Never touched: rows still in flight, failed sends (someone should look at them), ReminderDelivery
// (its keys are what stops a reminder going out twice) and progress reports.
import type { Database } from "./client.js";

export const RETENTION_DAYS = 30;

export async function pruneDeliveryRecords(db: Database, now: Date, days = RETENTION_DAYS): Promise<{ inbound: number; outbound: number }> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const inbound = await db.prisma.inboundEvent.deleteMany({ where: { status: "done", doneAt: { lt: cutoff } } });
  const outbound = await db.prisma.outboundMessage.deleteMany({ where: { status: "sent", sentAt: { lt: cutoff } } });
  return { inbound: inbound.count, outbound: outbound.count };
}
