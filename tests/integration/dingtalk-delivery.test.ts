// The outbox delivering to DingTalk (the real DingTalkSender against the fake DingTalk API) under
// the platform's documented faults: a 10 s QPS throttle during a 200-person reminder run, a revoked
// token, and the double-send scenarios of issue 10 item 6 — DingTalk has no idempotency key, so a
// send whose outcome is unknown is not blindly repeated (docs/delivery.md).
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { silentLogger } from "../../src/logger.js";
import type { Reply } from "../../src/messages.js";
import { createOutbox, type OutgoingMessage } from "../../src/outbox/index.js";
import { createDingTalkSender } from "../../src/platforms/dingtalk/index.js";
import { staffTarget } from "../../src/platforms/dingtalk/sender.js";
import { deliverPlanned } from "../../src/reminders/deliver.js";
import type { PlannedReminder } from "../../src/reminders/plan.js";
import { FakeDingTalk, waitFor } from "../e2e/fakes/dingtalk.js";
import { context } from "../helpers/reminders.js";
import { describeEachEngine, freshDatabase, type TestDatabase } from "../helpers/engines.js";

const APP = { clientId: "dingdeliveryapp", clientSecret: "delivery-secret", robotCode: "dingdeliveryrobot" };
const config = (base: string) => ({
  DINGTALK_CLIENT_ID: APP.clientId,
  DINGTALK_CLIENT_SECRET: APP.clientSecret,
  DINGTALK_ROBOT_CODE: APP.robotCode,
  DINGTALK_MODE: "stream" as const,
  DINGTALK_API_BASE: base,
});
const card = (title: string): Reply => ({ kind: "card", card: { title, tone: "info", lines: ["以下 1 项指标还没有数据："] } });
const reminder = (staffId: string): OutgoingMessage => ({
  idempotencyKey: `rule:2021-11:${staffId}:due`,
  platform: "dingtalk",
  target: staffTarget(staffId),
  payload: card(`绩效数据报送提醒 ${staffId}`),
  kind: "reminder",
});
const reply = (staffId: string, text: string): OutgoingMessage => ({
  idempotencyKey: `reply:${staffId}:${text}`,
  platform: "dingtalk",
  target: staffTarget(staffId),
  payload: { kind: "text", text },
});

describeEachEngine("DingTalk delivery through the outbox", (engine) => {
  let db: TestDatabase;
  let fake: FakeDingTalk;
  const rows = () => db.prisma.outboundMessage.findMany({ orderBy: { id: "asc" } });
  const count = (text: string) => fake.sent.filter((s) => s.text === text || s.title === text).length;

  beforeAll(async () => {
    db = await freshDatabase(engine);
    fake = await new FakeDingTalk(APP).start();
  });
  afterAll(async () => {
    await fake.stop();
    await db.dispose();
  });
  beforeEach(async () => {
    await db.prisma.outboundMessage.deleteMany();
    await db.prisma.sendBucket.deleteMany();
    fake.sent.length = 0;
    fake.faults.length = 0;
    fake.throttledUntil = 0;
    fake.releaseHung();
  });

  it("a 10 s QPS throttle (HTTP 403 QpsLimitForApi) during a 200-person reminder run: every reminder arrives once, none failed", async () => {
    const outbox = createOutbox({ db, senders: [createDingTalkSender(config(fake.base))], log: silentLogger, pollMs: 100, backoff: { baseMs: 500, maxMs: 4_000 } });
    const staff = Array.from({ length: 200 }, (_, i) => `staff${String(i).padStart(3, "0")}`);
    // The reminder run's own delivery step: ReminderDelivery + outbox rows for 200 people.
    await db.prisma.user.createMany({ data: staff.map((name) => ({ name })) });
    const users = await db.prisma.user.findMany({ where: { name: { in: staff } }, orderBy: { id: "asc" } });
    const now = new Date();
    const items: PlannedReminder[] = users.map((u) => ({
      key: `before-3:2021-11:${u.id}:before-3`,
      ruleCode: "before-3",
      stage: "before-3",
      periodKey: "2021-11",
      deadline: "2021-12-03",
      recipient: { userId: u.id, name: u.name, role: "staff" },
      address: { platform: "dingtalk", externalId: u.name },
      status: "due",
      reason: "staff; before-3",
      dueAt: now,
      expiresAt: new Date(now.getTime() + 3600_000),
      indicators: [{ code: "X1", name: "调解成功率", period: "2021年11月" }],
      sections: [{ name: "调解科", missing: 1 }],
      card: { title: `绩效数据报送提醒 ${u.name}`, tone: "info", lines: ["以下 1 项指标还没有数据："] },
    }));
    expect((await deliverPlanned({ ...context(db), outbox }, items)).sent).toHaveLength(200);
    const throttledBefore = fake.throttledCalls;
    fake.throttleFor(10_000);
    const started = Date.now();
    outbox.start();
    try {
      // Polled every 0.5 s: on the embedded engine the poll shares the one connection with the worker.
      const until = Date.now() + 300_000;
      while ((await db.prisma.outboundMessage.count({ where: { status: { not: "sent" } } })) > 0) {
        if (Date.now() > until) throw new Error("timed out waiting for every reminder sent");
        await new Promise((r) => setTimeout(r, 500));
      }
    } finally {
      await outbox.stop();
    }
    expect(fake.throttledCalls - throttledBefore).toBeGreaterThan(0); // the throttle was hit
    console.log(`[${engine}] 200 reminders through a 10 s throttle: ${fake.throttledCalls - throttledBefore} throttled calls, all sent after ${Date.now() - started} ms`);
    expect(fake.sent).toHaveLength(200);
    expect(new Set(fake.sent.map((s) => s.to))).toEqual(new Set(staff));
    expect(await db.prisma.outboundMessage.count({ where: { status: { in: ["failed", "unknown"] } } })).toBe(0);
    expect(await db.prisma.outboundMessage.count({ where: { kind: "reminder" } })).toBe(200);
  }, 360_000);

  it("a revoked token (HTTP 400 InvalidAuthentication) is refreshed and the send succeeds", async () => {
    const outbox = createOutbox({ db, senders: [createDingTalkSender(config(fake.base))], log: silentLogger });
    await outbox.enqueue([reply("u1", "第一条")]);
    await outbox.runOnce();
    fake.revokeTokens();
    await outbox.enqueue([reply("u1", "吊销之后")]);
    await outbox.runOnce();
    expect(fake.tokensIssued).toHaveLength(1); // fetched again after the revocation
    expect(fake.sent.map((s) => s.text)).toEqual(["第一条", "吊销之后"]);
    expect((await rows()).map((r) => [r.status, r.attempts])).toEqual([["sent", 1], ["sent", 1]]);
  });

  it("a crash after requests left unanswered: no reminder is sent twice (marked unknown), each reply re-sent at most once", async () => {
    const clock = fixedClock("2021-11-15T01:00:00Z");
    const opts = { db, log: silentLogger, now: () => clock.now(), leaseMs: 30_000, sendTimeoutMs: 60_000 };
    const staff = Array.from({ length: 10 }, (_, i) => `r${i}`);
    fake.faults.push(...Array.from({ length: 13 }, () => "hang" as const));
    const crashed = createOutbox({ ...opts, senders: [createDingTalkSender(config(fake.base))] });
    await crashed.enqueue([...staff.map(reminder), reply("p1", "回复一"), reply("p2", "回复二"), reply("p3", "回复三")]);
    const dying = crashed.runOnce(); // its requests reach DingTalk; the answers never come back
    await waitFor(() => fake.sent.length === 13, 20_000, "13 requests delivered unanswered");
    clock.advance(31_000); // the instance is gone; its leases run out
    const survivor = createOutbox({ ...opts, senders: [createDingTalkSender(config(fake.base))] });
    await survivor.runOnce();
    for (const id of staff) expect(count(`绩效数据报送提醒 ${id}`)).toBe(1);
    for (const text of ["回复一", "回复二", "回复三"]) expect(count(text)).toBe(2); // not confirmable: re-sent once
    const after = await rows();
    expect(after.filter((r) => r.kind === "reminder").map((r) => r.status)).toEqual(Array(10).fill("unknown"));
    expect(after.filter((r) => r.kind === "reply").map((r) => r.status)).toEqual(["sent", "sent", "sent"]);
    // The dead instance's late failures change nothing (its attempts are no longer the rows' own).
    fake.releaseHung();
    await dying;
    expect((await rows()).map((r) => r.status)).toEqual(after.map((r) => r.status));
    await survivor.runOnce();
    expect(fake.sent).toHaveLength(16);
  }, 60_000);

  it("lost answers without a crash: a reply is re-sent at most once, then left 'unknown'; a reminder is never re-sent", async () => {
    const clock = fixedClock("2021-11-15T01:00:00Z");
    const outbox = createOutbox({ db, senders: [createDingTalkSender(config(fake.base))], log: silentLogger, now: () => clock.now() });
    fake.faults.push("lostAnswer", "lostAnswer", "lostAnswer", "lostAnswer", "lostAnswer");
    await outbox.enqueue([reply("a", "答一"), reply("b", "答二"), reply("c", "答三"), reminder("d")]);
    for (let i = 0; i < 6; i++) {
      await outbox.runOnce();
      clock.advance(60_000);
    }
    // 4 first attempts lost their answers (all arrived); the 5th fault hits the first re-send.
    expect(fake.sent.length).toBeLessThanOrEqual(7);
    for (const text of ["答一", "答二", "答三"]) expect(count(text)).toBeGreaterThanOrEqual(1);
    for (const text of ["答一", "答二", "答三"]) expect(count(text)).toBeLessThanOrEqual(2);
    expect(count("绩效数据报送提醒 d")).toBe(1);
    const byKey = Object.fromEntries((await rows()).map((r) => [r.idempotencyKey, r.status]));
    expect(byKey["rule:2021-11:d:due"]).toBe("unknown");
    expect(Object.values(byKey).filter((s) => s === "unknown")).toHaveLength(2); // the reminder, and the reply whose re-send was lost too
    expect(Object.values(byKey).filter((s) => s === "sent")).toHaveLength(2);
  });

  it("a crash after DingTalk answered but before the outcome was stored: the read-status API confirms it, nothing is re-sent", async () => {
    const clock = fixedClock("2021-11-15T01:00:00Z");
    const outbox = createOutbox({ db, senders: [createDingTalkSender(config(fake.base))], log: silentLogger, now: () => clock.now(), leaseMs: 30_000 });
    await outbox.enqueue([reply("q1", "已送达的回复")]);
    await outbox.runOnce();
    // What a kill -9 between the answer and the final commit leaves: the delivered part's key saved,
    // the row still 'sending' with its request marked as having left.
    await db.query(`UPDATE "OutboundMessage" SET status = 'sending', "sentAt" = NULL, "sendStartedAt" = "createdAt", "nextAttemptAt" = $1::timestamp`, [clock.now().toISOString()]);
    clock.advance(31_000);
    await outbox.runOnce();
    expect(count("已送达的回复")).toBe(1);
    expect(await rows()).toMatchObject([{ status: "sent" }]);
  });
});
