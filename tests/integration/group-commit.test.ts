// Group commit at the inbound door (src/inbound/group-commit.ts, store.ts recordReceivedMany) on
// both engines: messages arriving while an insert runs share the next statement; every caller still
// learns its own row id (ids in arrival order, so one sender's messages keep their order), a repeat
// gets undefined, and a message the database refuses fails alone.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { IncomingMessage } from "../../src/messages.js";
import type { Database } from "../../src/db/client.js";
import { createGroupCommit } from "../../src/inbound/group-commit.js";
import { recordReceived } from "../../src/inbound/store.js";
import { describeEachEngine, freshDatabase, type TestDatabase } from "../helpers/engines.js";

const message = (id: string, user = "ou_1"): IncomingMessage => ({
  platform: "feishu", messageId: id, externalUserId: user, chatId: "c1", chatType: "p2p",
  text: `第${id}条`, mentioned: false, receivedAt: new Date("2021-11-15T02:00:00Z"), replyTo: { chatId: "c1" },
});

describeEachEngine("inbound group commit", (engine) => {
  let db: TestDatabase;
  let statements = 0;
  let counting: Database;
  beforeAll(async () => {
    db = await freshDatabase(engine);
    counting = { ...db, doorQuery: (sql, params) => (statements++, db.doorQuery(sql, params)) };
  }, 300_000);
  afterAll(() => db.dispose());

  it("writes a burst in a few statements and answers each caller with its own id, in arrival order", async () => {
    await recordReceived(db, message("seen-before"));
    const door = createGroupCommit(counting);
    statements = 0;
    const ids = Array.from({ length: 60 }, (_, i) => `g${i}`);
    const results = await Promise.all([
      ...ids.map((id, i) => door.record(message(id, `ou_${i % 3}`))),
      door.record(message("g5")), // a second copy inside the burst
      door.record(message("seen-before")), // a redelivery of a recorded message
    ]);
    const fresh = results.slice(0, 60);
    expect(fresh.every((id) => typeof id === "number")).toBe(true);
    expect(new Set(fresh).size).toBe(60);
    expect([...fresh]).toEqual([...fresh].sort((a, b) => a! - b!)); // arrival order = id order
    expect(results[60]).toBeUndefined();
    expect(results[61]).toBeUndefined();
    expect(statements).toBeLessThanOrEqual(3); // the first alone, the rest in the next one or two
    const rows = await db.prisma.inboundEvent.findMany({ where: { externalId: { in: ids } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.externalId)).toEqual(ids);
    expect(rows.every((r) => r.status === "received")).toBe(true);
    const stored = rows[7]!.payload as { text: string; externalUserId: string };
    expect(stored).toMatchObject({ text: "第g7条", externalUserId: "ou_1" });
  });

  it("a message the database refuses fails alone; the others of its batch are recorded", async () => {
    const door = createGroupCommit(db);
    const bad = { ...message("bad"), platform: "carrier-pigeon" } as unknown as IncomingMessage;
    const outcomes = await Promise.allSettled([door.record(message("b0")), door.record(message("b1")), door.record(bad), door.record(message("b2"))]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(await db.prisma.inboundEvent.count({ where: { externalId: { in: ["b0", "b1", "b2", "bad"] } } })).toBe(3);
  });
});
