// FeishuSender through the official SDK against the fake Feishu Open API: one test per row of
// FEISHU_SEND_ANSWERS (src/platforms/feishu/api-errors.ts, sources there), and the outbox retrying
// a send whose answer never came — Feishu's uuid de-duplication keeps it from showing twice.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { silentLogger } from "../../src/logger.js";
import { createOutbox, OutcomeUnknownError, PermanentError, RetryableError, } from "../../src/outbox/index.js";
import type { Reply, ReplyAddress } from "../../src/messages.js";
import { FEISHU_SEND_ANSWERS } from "../../src/platforms/feishu/api-errors.js";
import { createFeishuSender } from "../../src/platforms/feishu/index.js";
import type { FeishuSender } from "../../src/platforms/feishu/sender.js";
import { FakeFeishuOpenApi, type SendFault } from "../e2e/fakes/feishu-openapi.js";
import { describeEachEngine, freshDatabase, type TestDatabase } from "../helpers/engines.js";

const APP = { appId: "cli_a1b2c3d4e5f60718", appSecret: "feishu-sender-secret" };
const target: ReplyAddress = { receive_id_type: "open_id", receive_id: "ou_sender_test" };
const text = (t: string): Reply => ({ kind: "text", text: t });

function sender(fake: FakeFeishuOpenApi): FeishuSender {
  return createFeishuSender(
    { FEISHU_APP_ID: APP.appId, FEISHU_APP_SECRET: APP.appSecret, FEISHU_MODE: "ws", FEISHU_ENCRYPT_KEY: undefined, FEISHU_VERIFICATION_TOKEN: undefined, FEISHU_DOMAIN: fake.base },
    silentLogger,
  );
}

describe("FeishuSender answers", () => {
  let fake: FakeFeishuOpenApi;
  let s: FeishuSender;
  beforeAll(async () => {
    fake = await new FakeFeishuOpenApi(APP).start();
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    s = sender(fake);
    fake.faults.length = 0;
    fake.messages.length = 0;
  });

  const cases: Array<[string, SendFault, "retry" | "refresh-token" | "permanent"]> = [
    ["99991400 over the rate limit (HTTP 429 + x-ogw-ratelimit-reset)", "429", "retry"],
    ["99991400 over the rate limit as HTTP 400", { status: 400, code: 99991400, msg: "request trigger frequency limit" }, "retry"],
    ["230020 chat receiving too fast", { status: 400, code: 230020, msg: "trigger message rate limit" }, "retry"],
    ["11232 tenant send limit (HTTP 400)", { status: 400, code: 11232, msg: "create message trigger rate limit" }, "retry"],
    ["99991661 token missing", { status: 400, code: 99991661, msg: "Missing access token for authorization" }, "refresh-token"],
    ["99991663 token invalid", { status: 200, code: 99991663, msg: "Invalid access token for authorization" }, "refresh-token"],
    ["99991677 token expired", { status: 400, code: 99991677, msg: "Authentication token expired" }, "refresh-token"],
    ["230002 bot not in the chat", { status: 400, code: 230002, msg: "Bot/User can NOT be out of the chat." }, "permanent"],
    ["230013 user outside the app's availability", { status: 400, code: 230013, msg: "Bot has NO availability to this user." }, "permanent"],
    ["230025 message too large", { status: 400, code: 230025, msg: "The length of the message content reaches its limit." }, "permanent"],
    ["HTTP 500", "500", "retry"],
    ["HTTP 503", { status: 503, code: 1500, msg: "internal error" }, "retry"],
  ];
  for (const [name, fault, action] of cases) {
    it(`${name} → ${action}`, async () => {
      fake.faults.push(fault);
      const tokens = fake.tokensIssued.length;
      const result = await s.send(target, text(name), `k-${name.slice(0, 8)}`).then(
        () => "delivered",
        (e: unknown) => e,
      );
      if (action === "refresh-token") {
        expect(result).toBe("delivered"); // a fresh token, the send tried once more
        expect(fake.tokensIssued.length).toBeGreaterThan(tokens);
        expect(fake.messages.map((m) => m.text)).toEqual([name]);
        return;
      }
      expect(result).toBeInstanceOf(action === "retry" ? RetryableError : PermanentError);
      expect(result).not.toBeInstanceOf(OutcomeUnknownError);
      expect(fake.messages).toHaveLength(0);
    });
  }

  it("every row of the table is covered above", () => {
    const covered = new Set(cases.map(([, f]) => (typeof f === "object" ? f.code : f === "429" ? 99991400 : f === "500" ? "5xx" : 99991663)));
    for (const row of FEISHU_SEND_ANSWERS) expect(covered.has(row.code ?? (row.http === 429 ? 99991400 : "5xx"))).toBe(true);
    for (const row of FEISHU_SEND_ANSWERS) expect(row.source).toMatch(/\[(codes|send|limits|notes)\]/);
  });

  it("a rate-limit answer waits at least the documented time (11232: 5 s)", async () => {
    fake.faults.push({ status: 400, code: 11232 });
    const err = (await s.send(target, text("x"), "k-wait").catch((e: unknown) => e)) as RetryableError;
    expect(err.retryAfterMs).toBe(5_000);
  });

  it("draws from the app's and the recipient's bucket (50/s, 5/s)", () => {
    expect(s.rateBuckets(target)).toEqual([
      { key: `feishu:${APP.appId}:app`, perSecond: 50 },
      { key: `feishu:${APP.appId}:to:ou_sender_test`, perSecond: 5 },
    ]);
  });
});

describeEachEngine("Feishu delivery through the outbox", (engine) => {
  let db: TestDatabase;
  let fake: FakeFeishuOpenApi;
  beforeAll(async () => {
    db = await freshDatabase(engine);
    fake = await new FakeFeishuOpenApi(APP).start();
  });
  afterAll(async () => {
    await fake.stop();
    await db.dispose();
  });

  it("an answer that never comes is retried under the same uuid: shown once, and the next reply after it", async () => {
    const clock = fixedClock("2021-11-15T01:00:00Z");
    const s = sender(fake);
    await s.send(target, text("预热"), "feishu-warm-up"); // token fetched: the timeout below measures the send alone
    fake.messages.length = 0;
    const outbox = createOutbox({ db, senders: [s], log: silentLogger, now: () => clock.now(), sendTimeoutMs: 1_500 });
    fake.faults.length = 0;
    fake.faults.push("hang");
    await outbox.enqueue([
      { idempotencyKey: "feishu-hang-1", platform: "feishu", target, payload: text("第一条") },
      { idempotencyKey: "feishu-hang-2", platform: "feishu", target, payload: text("第二条") },
    ]);
    await outbox.runOnce();
    expect(fake.messages.map((m) => m.text)).toEqual(["第一条"]); // stored, unanswered; 第二条 waits behind it
    clock.advance(5_000);
    await outbox.runOnce();
    expect(fake.messages.map((m) => m.text)).toEqual(["第一条", "第二条"]);
    expect(fake.duplicatesSuppressed).toBe(1);
    const rows = await db.prisma.outboundMessage.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([["sent", 2], ["sent", 1]]);
  });

  it("a permanent answer (230013) is visible: failed with its reason, counted", async () => {
    const outbox = createOutbox({ db, senders: [sender(fake)], log: silentLogger });
    fake.faults.length = 0;
    fake.faults.push({ status: 400, code: 230013, msg: "Bot has NO availability to this user." });
    await outbox.enqueue([{ idempotencyKey: "feishu-perm", platform: "feishu", target, payload: text("不可达") }]);
    await outbox.runOnce();
    const row = await db.prisma.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: "feishu-perm" } });
    expect(row.status).toBe("failed");
    expect(row.lastError).toMatch(/230013.*availability/);
    const { undeliveredCounts } = await import("../../src/outbox/index.js");
    expect(await undeliveredCounts(db)).toEqual({ failed: 1, unknown: 0 });
  });
});
