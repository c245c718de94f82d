import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import type { Bot, IncomingMessage } from "../../src/conversation/types.js";
import { createInboundPipeline, recordReceived } from "../../src/inbound/index.js";
import { markDoneQuery } from "../../src/inbound/store.js";
import { silentLogger } from "../../src/logger.js";
import { createOutbox, type Sender } from "../../src/outbox/index.js";
import { describeEachEngine, freshDatabase, type TestDatabase } from "../helpers/engines.js";

/** An echo bot counting its calls (the pipeline is under test here, not the conversation core). */
function echoBot() {
  const seen: string[] = [];
  const bot: Bot = {
    async handle(m) {
      seen.push(m.messageId);
      return [{ kind: "text", text: `echo ${m.text}` }, { kind: "text", text: "second" }];
    },
    async handleAction() {
      return { toast: "ok" };
    },
  };
  return { bot, seen };
}

const message = (id: string, user = "ou_1"): IncomingMessage => ({
  platform: "local",
  messageId: id,
  externalUserId: user,
  chatId: "c1",
  chatType: "p2p",
  text: `hi ${id}`,
  mentioned: true,
  receivedAt: new Date("2021-11-15T02:00:00Z"),
  replyTo: { chatId: "c1" },
});

describeEachEngine("inbound pipeline", (engine) => {
  let db: TestDatabase;
  const clock = fixedClock("2021-11-15T02:00:00Z");
  const sent: string[] = [];
  const sender: Sender = { platform: "local", send: async (_t, _p, key) => (sent.push(key), {}) };

  function pipeline(bot: Bot, leaseMs = 60_000) {
    const outbox = createOutbox({ db, senders: [sender], log: silentLogger, now: () => clock.now() });
    const p = createInboundPipeline({
      platform: "local", db, bot, outbox, log: silentLogger, leaseMs, now: () => clock.now(),
     
    });
    return { p, outbox };
  }

  beforeAll(async () => {
    db = await freshDatabase(engine);
  });
  afterAll(() => db.dispose());
  beforeEach(async () => {
    await db.prisma.inboundEvent.deleteMany();
    await db.prisma.outboundMessage.deleteMany();
    sent.length = 0;
  });

  it("processes a message once however often it is delivered", async () => {
    const { bot, seen } = echoBot();
    const { p, outbox } = pipeline(bot);
    await p.start();
    expect(await p.receive(message("m1"))).toBe(true);
    expect(await p.receive(message("m1"))).toBe(false);
    await p.idle();
    expect(await p.receive(message("m1"))).toBe(false);
    await outbox.runOnce();
    await p.stop();
    expect(seen).toEqual(["m1"]);
    expect(sent).toEqual(["local:m1:0", "local:m1:1"]);
    expect(await db.prisma.inboundEvent.findMany()).toMatchObject([{ status: "done", externalId: "m1", attempts: 1 }]);
  });

  it("after a crash between receive and reply, a restart answers each message once", async () => {
    await recordReceived(db, message("m2")); // stored, then the process died
    await recordReceived(db, message("m3", "ou_2"));
    const { bot, seen } = echoBot();
    const { p, outbox } = pipeline(bot);
    await p.start();
    await p.idle();
    await p.recover();
    await p.idle();
    await outbox.runOnce();
    await p.stop();
    expect(seen.sort()).toEqual(["m2", "m3"]);
    expect(sent.sort()).toEqual(["local:m2:0", "local:m2:1", "local:m3:0", "local:m3:1"]);
  });

  it("a second instance's recovery does not answer a sender's message while an earlier one is unfinished", async () => {
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: Bot = {
      async handle(m) {
        if (m.messageId === "m5") await gate; // "本月调解成功率99.2%" still being handled
        order.push(m.messageId);
        return [{ kind: "text", text: `echo ${m.text}` }];
      },
      handleAction: async () => ({ toast: "" }),
    };
    const a = pipeline(slow);
    await a.p.start();
    await a.p.receive(message("m5"));
    await a.p.receive(message("m6")); // "确认": waits in instance A's queue, 'received' in the table
    while ((await db.prisma.inboundEvent.findFirst({ where: { externalId: "m5" } }))?.status !== "processing") {
      await new Promise((r) => setImmediate(r));
    }
    const { bot, seen } = echoBot();
    const b = pipeline(bot);
    await b.p.start(); // instance B's recovery sees m6 as unfinished and queues it
    // A second sweep leaves it alone: it is already waiting in B's own queue (issue 15 item 6).
    expect(await b.p.recover()).toBe(0);
    await b.p.idle();
    await b.p.stop();
    expect(seen).toEqual([]);
    expect(await db.prisma.inboundEvent.findFirst({ where: { externalId: "m6" } })).toMatchObject({ status: "received", attempts: 0 });
    release();
    await a.p.idle();
    await a.p.stop();
    expect(order).toEqual(["m5", "m6"]);
    expect(await db.prisma.inboundEvent.findMany({ orderBy: { id: "asc" } })).toMatchObject([
      { externalId: "m5", status: "done" },
      { externalId: "m6", status: "done" },
    ]);
  });

  it("a message refused behind its sender's earlier unfinished one is retried soon, not left to the 30 s recovery", async () => {
    const { bot, seen } = echoBot();
    const { p } = pipeline(bot);
    await p.start(); // periodic recovery every 30 s
    // m1 was recorded by a concurrent request that has not scheduled it yet; m2 arrives.
    const m1 = await recordReceived(db, message("m1"));
    await p.receive(message("m2"));
    const statusOf = async (id: string) => (await db.prisma.inboundEvent.findFirst({ where: { externalId: id } }))?.status;
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual([]); // m2 must not overtake m1
    expect(await statusOf("m2")).toBe("received");
    await markDoneQuery(db, m1!, clock.now()); // m1 finished (here or by another instance)
    const deadline = Date.now() + 3000;
    while ((await statusOf("m2")) !== "done" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await p.stop();
    expect(await statusOf("m2")).toBe("done");
    expect(seen).toEqual(["m2"]);
  });

  it("takes over a message whose processor died mid-way once the lease runs out", async () => {
    const stuck: Bot = { handle: () => new Promise(() => {}), handleAction: async () => ({ toast: "" }) };
    const first = pipeline(stuck, 30_000);
    await first.p.start();
    await first.p.receive(message("m4"));
    // Mid-way: the turn has claimed the row (on PGlite turns first give way to the door for a moment).
    for (let i = 0; i < 200 && (await db.prisma.inboundEvent.findFirst({ where: { status: "processing" } })) === null; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    await first.p.stop(0); // the "crash": handle never returned
    const { bot, seen } = echoBot();
    const second = pipeline(bot, 30_000);
    await second.p.start();
    await second.p.idle();
    expect(seen).toEqual([]); // still leased
    clock.advance(31_000);
    await second.p.recover();
    await second.p.idle();
    await second.outbox.runOnce();
    await second.p.stop();
    expect(seen).toEqual(["m4"]);
    expect(sent).toEqual(["local:m4:0", "local:m4:1"]);
    expect(await db.prisma.inboundEvent.findMany()).toMatchObject([{ status: "done", attempts: 2 }]);
  });
});
