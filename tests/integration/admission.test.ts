// Issue 10 item 13: admission control in front of the inbound insert. With the database stalled
// (every insert held), a bounded number of requests wait at most maxWaitMs and the rest are refused
// at once (Overloaded → the webhook's 503); nothing is accepted and then lost: inserts that land
// after their 503 are still processed, and the platform's redelivery of every refused message is
// either recorded then or acked as a duplicate — each message answered exactly once.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Bot, IncomingMessage } from "../../src/conversation/types.js";
import type { Database } from "../../src/db/client.js";
import { createInboundPipeline } from "../../src/inbound/index.js";
import { Overloaded } from "../../src/inbound/admission.js";
import { silentLogger } from "../../src/logger.js";
import { createOutbox } from "../../src/outbox/index.js";
import { describeEachEngine, freshDatabase, type TestDatabase } from "../helpers/engines.js";

const message = (id: string): IncomingMessage => ({
  platform: "local", messageId: id, externalUserId: `u${id}`, chatId: "c1", chatType: "p2p",
  text: `hi ${id}`, mentioned: true, receivedAt: new Date(), replyTo: {},
});

describeEachEngine("inbound admission control", (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase(engine);
  }, 300_000);
  afterAll(() => db.dispose());

  it("refuses at once when full, answers within maxWaitMs, and loses nothing", async () => {
    let release!: () => void;
    const stalled = new Promise<void>((r) => (release = r));
    const slowInsert: Database = {
      ...db,
      doorQuery: async (sql, params) => {
        if (/INSERT INTO "InboundEvent"/.test(sql)) await stalled;
        return db.doorQuery(sql, params);
      },
    };
    const answered: string[] = [];
    const bot: Bot = { handle: async (m) => (answered.push(m.messageId), [{ kind: "text", text: "ok" }]), handleAction: async () => ({ toast: "" }) };
    const p = createInboundPipeline({
      platform: "local", db: slowInsert, bot, log: silentLogger,
      outbox: createOutbox({ db, senders: [], log: silentLogger }),
      admission: { maxQueued: 4, maxWaitMs: 300 },
    });
    await p.start();
    const ids = Array.from({ length: 10 }, (_, i) => `a${i}`);
    const t0 = Date.now();
    const outcomes = await Promise.all(
      ids.map(async (id) => {
        const t = Date.now();
        const r = await p.receive(message(id)).then(() => "accepted", (err: unknown) => (err instanceof Overloaded ? "503" : String(err)));
        return { r, ms: Date.now() - t };
      }),
    );
    expect(outcomes.every((o) => o.r === "503")).toBe(true); // 4 timed out in the door, 6 refused at once
    expect(outcomes.filter((o) => o.ms < 100)).toHaveLength(6);
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(p.shed).toBe(10);
    release(); // the database recovers: the four held inserts land and are processed
    // The platform redelivers all ten (again after each 503): six are new, four are already
    // recorded (acked as duplicates).
    const again: boolean[] = [];
    for (const id of ids) {
      for (let tries = 0; ; tries++) {
        const r = await p.receive(message(id)).catch((err: unknown) => {
          if (!(err instanceof Overloaded) || tries > 100) throw err;
          return undefined;
        });
        if (r !== undefined) {
          again.push(r);
          break;
        }
        await new Promise((res) => setTimeout(res, 50));
      }
    }
    expect(again.filter((x) => x === true)).toHaveLength(6);
    await p.idle();
    await p.stop();
    expect(answered.sort()).toEqual([...ids].sort());
    expect(await db.prisma.inboundEvent.count({ where: { status: "done" } })).toBe(10);
  });
});
