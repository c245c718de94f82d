// Issue 10 item 1/2: a turn's changes, its replies and the inbound row's completion commit together.
// For every statement of a report turn ("本月调解成功率99.2%") and a 确认 turn, on both engines:
//  - the process "dies" right before that statement (Abandoned is thrown there: nothing after it
//    runs, the open transaction rolls back), then a new pipeline recovers after the lease;
//  - the connection drops right there (a 57P01-like error), and the same process carries on.
// Afterwards: exactly one stored report (确认) or one pending confirmation (report), and exactly the
// answer of a fault-free run in the outbox — never the "没有待确认" or an apology.
import { afterAll, beforeAll, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { createBot } from "../../src/conversation/bot.js";
import { createTurnPorts } from "../../src/turn-ports.js";
import { renderAll } from "../../src/conversation/replies/render-text.js";
import type { IncomingMessage, Reply } from "../../src/conversation/types.js";
import { Abandoned } from "../../src/db/transaction.js";
import type { Database } from "../../src/db/client.js";
import { createInboundPipeline } from "../../src/inbound/index.js";
import { silentLogger } from "../../src/logger.js";
import { createOutbox } from "../../src/outbox/index.js";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { seededDatabase } from "../helpers/seeded.js";
import { withFaults } from "../helpers/faults.js";
import { NOW } from "../helpers/bot-fixture.js";

const LEASE_MS = 60_000;
const connectionLost = () => Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });

describeEachEngine("one transaction per turn: crash points", (engine) => {
  let db: TestDatabase;
  let user: string;
  let offset = 0; // wall clock of the pipelines: jumps past the lease for a "restart"
  let seq = 0;

  beforeAll(async () => {
    db = await seededDatabase(engine);
    user = String((await db.prisma.user.findFirstOrThrow({ where: { name: "李娜" } })).id);
  }, 120_000);
  afterAll(() => db?.dispose());

  const message = (text: string): IncomingMessage => ({
    platform: "local", messageId: `m${++seq}`, externalUserId: user, chatId: "c1", chatType: "p2p",
    text, mentioned: false, receivedAt: new Date(), replyTo: { chatId: "c1" },
  });

  /** One process: a pipeline over `store`, run until nothing is in progress, then stopped. */
  async function runProcess(store: Database, send?: IncomingMessage, arm?: () => void) {
    const bot = createBot({ ports: createTurnPorts({ db: store, log: silentLogger }), db: store, clock: fixedClock(NOW), log: silentLogger });
    const outbox = createOutbox({ db: store, senders: [], log: silentLogger });
    const p = createInboundPipeline({
      platform: "local", db: store, bot, outbox, log: silentLogger, leaseMs: LEASE_MS,
      now: () => new Date(Date.now() + offset),
    });
    await p.start();
    arm?.(); // faults count from the message's arrival, not from the start-up sweep
    // Refused at the door (503): the platform redelivers — here at once, after a crash on restart.
    if (send) await p.receive(send).catch(() => p.receive(send).catch(() => undefined));
    await p.idle();
    await p.stop();
    if (send) await p.idle();
  }

  async function reset() {
    await db.prisma.progressReport.deleteMany();
    await db.prisma.conversationState.deleteMany();
    await db.prisma.outboundMessage.deleteMany();
    await db.prisma.inboundEvent.deleteMany();
  }

  async function answersTo(msg: IncomingMessage): Promise<string> {
    const rows = await db.prisma.outboundMessage.findMany({ where: { idempotencyKey: { startsWith: `local:${msg.messageId}:` } }, orderBy: { idempotencyKey: "asc" } });
    return renderAll(rows.map((r) => r.payload as unknown as Reply));
  }

  /** Runs `turn` once with a fault at step k (0: none); returns the steps seen and the answer. */
  async function scenario(turnText: "report" | "confirm", k: number, kind: "crash" | "transient") {
    await reset();
    if (turnText === "confirm") await runProcess(db, message("本月调解成功率99.2%"));
    const msg = message(turnText === "confirm" ? "确认" : "本月调解成功率99.2%");
    const faulty = withFaults(db);
    await runProcess(faulty.db, msg, () =>
      faulty.plan({ at: k, error: kind === "crash" ? () => new Abandoned(`crash at step ${k}`) : connectionLost }),
    );
    const steps = [...faulty.log];
    faulty.plan(null);
    if (kind === "crash") {
      offset += LEASE_MS + 1_000; // the restart comes after the dead process's lease
      await runProcess(db, (await db.prisma.inboundEvent.count({ where: { externalId: msg.messageId } })) ? undefined : msg);
    }
    const reports = await db.prisma.progressReport.count();
    const pending = await db.prisma.conversationState.findMany();
    const inbound = await db.prisma.inboundEvent.findMany({ where: { externalId: msg.messageId } });
    return { steps, answer: await answersTo(msg), reports, pending, inbound };
  }

  for (const turn of ["report", "confirm"] as const) {
    it(`${turn} turn: a crash or a dropped connection at any statement leaves one outcome and one right answer`, async () => {
      const clean = await scenario(turn, 0, "crash");
      const expected = turn === "confirm" ? /已记录/ : /请确认报送/;
      expect(clean.answer).toMatch(expected);
      expect(clean.steps.length).toBeGreaterThan(4);
      for (const kind of ["crash", "transient"] as const) {
        for (let k = 1; k <= clean.steps.length; k++) {
          const r = await scenario(turn, k, kind);
          const where = `${kind} at step ${k} (${r.steps[k - 1]})`;
          expect(r.answer, where).toBe(clean.answer);
          expect(r.inbound, where).toMatchObject([{ status: "done" }]);
          if (turn === "confirm") {
            expect(r.reports, where).toBe(1);
            expect(r.pending, where).toHaveLength(0);
          } else {
            expect(r.reports, where).toBe(0);
            expect(r.pending.map((p) => p.kind), where).toEqual(["confirm_report"]);
          }
        }
      }
    }, 600_000);
  }
});
