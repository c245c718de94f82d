// Old delivery bookkeeping is pruned; anything in flight, failed or recent stays.
import { afterAll, beforeAll, expect, it } from "vitest";
import { pruneDeliveryRecords } from "../../src/db/retention.js";
import { describeEachEngine, freshDatabase, type TestDatabase } from "../helpers/engines.js";

describeEachEngine("retention", (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase(engine);
  });
  afterAll(() => db.dispose());

  it("deletes done inbound events and sent messages older than 30 days, nothing else", async () => {
    const now = new Date("2026-11-28T12:00:00Z");
    const old = new Date("2026-10-01T00:00:00Z");
    const recent = new Date("2026-11-20T00:00:00Z");
    const inbound = (externalId: string, status: string, doneAt: Date | null) =>
      db.prisma.inboundEvent.create({ data: { platform: "feishu", externalId, status, payload: {}, receivedAt: old, doneAt } });
    await inbound("old-done", "done", old);
    await inbound("recent-done", "done", recent);
    await inbound("old-failed", "failed", old);
    await inbound("old-received", "received", null);
    const outbound = (key: string, status: string, sentAt: Date | null) =>
      db.prisma.outboundMessage.create({ data: { idempotencyKey: key, platform: "feishu", target: {}, payload: {}, status, sentAt, createdAt: old } });
    await outbound("old-sent", "sent", old);
    await outbound("recent-sent", "sent", recent);
    await outbound("old-failed", "failed", null);
    await outbound("old-pending", "pending", null);

    expect(await pruneDeliveryRecords(db, now)).toEqual({ inbound: 1, outbound: 1 });
    const left = await db.prisma.inboundEvent.findMany({ orderBy: { id: "asc" }, select: { externalId: true } });
    expect(left.map((r) => r.externalId)).toEqual(["recent-done", "old-failed", "old-received"]);
    const sent = await db.prisma.outboundMessage.findMany({ orderBy: { id: "asc" }, select: { idempotencyKey: true } });
    expect(sent.map((r) => r.idempotencyKey)).toEqual(["recent-sent", "old-failed", "old-pending"]);
    expect(await pruneDeliveryRecords(db, now)).toEqual({ inbound: 0, outbound: 0 });
  });
});
