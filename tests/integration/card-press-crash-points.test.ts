// Issue 10 item 1 for card presses: a Feishu 确认 button press stores the report and queues its
// follow-up replies (the progress note) in ONE transaction (Bot.handleAction's commit,
// platforms/feishu/card-actions.ts). On both engines, the press "dies" right before each of its
// statements in turn (Abandoned thrown there: the transaction rolls back). Afterwards either nothing
// happened (no report, no follow-up, the confirmation still waiting — a second press then stores it
// once) or everything did: never a stored report without its note. A dropped connection at any
// statement is retried and ends exactly like a clean press. A press answered after Feishu's 3 s
// gets "处理中" and its card is redrawn through the outbox.
import { afterAll, beforeAll, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { createBot } from "../../src/conversation/bot.js";
import type { CardAction } from "../../src/conversation/types.js";
import { Abandoned } from "../../src/db/transaction.js";
import type { Database } from "../../src/db/client.js";
import { silentLogger } from "../../src/logger.js";
import { createOutbox } from "../../src/outbox/index.js";
import { answerCardAction } from "../../src/platforms/feishu/card-actions.js";
import { createTurnPorts } from "../../src/turn-ports.js";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { withFaults } from "../helpers/faults.js";
import { seededDatabase } from "../helpers/seeded.js";
import { NOW } from "../helpers/bot-fixture.js";

const connectionLost = () => Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });

describeEachEngine("one transaction per card press: crash points", (engine) => {
  let db: TestDatabase;
  let openId: string;
  let seq = 0;

  beforeAll(async () => {
    db = await seededDatabase(engine);
    const user = await db.prisma.user.findFirstOrThrow({ where: { name: "李娜" } });
    openId = (await db.prisma.identity.findFirstOrThrow({ where: { userId: user.id, platform: "feishu" } })).externalId;
  }, 120_000);
  afterAll(() => db?.dispose());

  const botOn = (store: Database) =>
    createBot({ ports: createTurnPorts({ db: store, log: silentLogger }), db: store, clock: fixedClock(NOW), log: silentLogger });

  /** A fresh draft waiting for 确认; returns the press of its card's 确认 button. */
  async function draft(): Promise<CardAction> {
    await db.prisma.progressReport.deleteMany();
    await db.prisma.conversationState.deleteMany();
    await db.prisma.outboundMessage.deleteMany();
    await botOn(db).handle({
      platform: "feishu", messageId: `om_r${++seq}`, externalUserId: openId, chatId: "oc_1", chatType: "p2p",
      text: "本月调解成功率99.2%", mentioned: false, receivedAt: new Date(), replyTo: { chatId: "oc_1" },
    });
    const state = await db.prisma.conversationState.findFirstOrThrow();
    const token = (state.payload as { token: string }).token;
    return { platform: "feishu", externalUserId: openId, value: { action: "confirm", token }, messageId: `om_card${seq}` };
  }

  async function press(store: Database, action: CardAction) {
    const outbox = createOutbox({ db: store, senders: [], log: silentLogger });
    return answerCardAction(action, { bot: botOn(store), outbox, log: silentLogger, answerWithinMs: 30_000 });
  }

  async function outcome(action: CardAction) {
    const followUps = await db.prisma.outboundMessage.count({ where: { idempotencyKey: { startsWith: `feishu:act:${action.messageId}:` } } });
    return { reports: await db.prisma.progressReport.count(), followUps, waiting: await db.prisma.conversationState.count() };
  }

  it("a crash or a dropped connection at any statement of a 确认 press: all of it or none", async () => {
    const clean = await draft();
    const faulty = withFaults(db);
    faulty.plan({ at: 0, error: () => new Error("never") });
    const answer = await press(faulty.db, clean);
    const steps = [...faulty.log];
    expect(answer.toast).toEqual({ type: "success", content: "已记录" });
    expect(await outcome(clean)).toEqual({ reports: 1, followUps: 1, waiting: 0 });
    expect(steps.length).toBeGreaterThan(4);

    for (let k = 1; k <= steps.length; k++) {
      for (const kind of ["crash", "transient"] as const) {
        const action = await draft();
        const f = withFaults(db);
        f.plan({ at: k, error: kind === "crash" ? () => new Abandoned(`crash at step ${k}`) : connectionLost });
        const first = await press(f.db, action);
        const where = `${kind} at step ${k} (${f.log[k - 1]})`;
        const after = await outcome(action);
        if (kind === "transient") {
          expect(first.toast, where).toEqual({ type: "success", content: "已记录" });
          expect(after, where).toEqual({ reports: 1, followUps: 1, waiting: 0 });
          continue;
        }
        expect(after, where).toEqual({ reports: 0, followUps: 0, waiting: 1 });
        // The presser saw an error toast; pressing again stores the report and its note once.
        expect(first.toast.type, where).toBe("error");
        const again = await press(db, action);
        expect(again.toast, where).toEqual({ type: "success", content: "已记录" });
        expect(await outcome(action), where).toEqual({ reports: 1, followUps: 1, waiting: 0 });
      }
    }
  }, 600_000);

  it("answered after Feishu's deadline: 处理中 at once, then the pressed card is redrawn through the outbox", async () => {
    const action = await draft();
    // A directory slower than the deadline (its contact lookup is an HTTP call to the messenger).
    const ports = createTurnPorts({ db, log: silentLogger });
    const resolve = ports.directory.resolve.bind(ports.directory);
    ports.directory = { ...ports.directory, resolve: async (...a) => (await new Promise((r) => setTimeout(r, 100)), resolve(...a)) };
    const bot = createBot({ ports, db, clock: fixedClock(NOW), log: silentLogger });
    const answer = await answerCardAction(action, { bot, outbox: createOutbox({ db, senders: [], log: silentLogger }), log: silentLogger, answerWithinMs: 20 });
    expect(answer).toEqual({ toast: { type: "info", content: "处理中，请稍候…" } });
    for (let i = 0; i < 200 && (await outcome(action)).followUps < 2; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await outcome(action)).toEqual({ reports: 1, followUps: 2, waiting: 0 });
    const update = await db.prisma.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: `feishu:act:${action.messageId}:${action.value.token}:card` } });
    expect(update.target).toEqual({ update_message_id: action.messageId });
    expect(JSON.stringify(update.payload)).toContain("已记录");
  });
});
