// DingTalkSender against the fake DingTalk: where a reply goes, how long replies are split, and how
// DingTalk's answers become the outbox's RetryableError / PermanentError.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { systemClock } from "../../src/clock.js";
import { OutcomeUnknownError, PermanentError, RetryableError } from "../../src/outbox/errors.js";
import type { Json } from "../../src/outbox/types.js";
import type { Reply } from "../../src/messages.js";
import { createDingTalkSender } from "../../src/platforms/dingtalk/index.js";
import { groupTarget, type DingTalkSender } from "../../src/platforms/dingtalk/sender.js";
import { FakeDingTalk, type SendFault } from "../e2e/fakes/dingtalk.js";

const APP = { clientId: "dingsenderapp", clientSecret: "sender-secret", robotCode: "dingsenderrobot" };
const reply = (text: string): Reply => ({ kind: "text", text });

describe("DingTalkSender", () => {
  let fake: FakeDingTalk;
  let sender: DingTalkSender;
  const webhook = () => `${fake.base}/session/cid1`;
  const live = () => ({ staffId: "u1", sessionWebhook: webhook(), sessionWebhookExpiredTime: Date.now() + 3_600_000 });
  const expired = () => ({ ...live(), sessionWebhookExpiredTime: Date.now() - 1 });

  beforeAll(async () => {
    fake = await new FakeDingTalk(APP).start();
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    sender = createDingTalkSender(
      { DINGTALK_CLIENT_ID: APP.clientId, DINGTALK_CLIENT_SECRET: APP.clientSecret, DINGTALK_ROBOT_CODE: APP.robotCode, DINGTALK_MODE: "stream", DINGTALK_API_BASE: fake.base },
      systemClock,
    );
    fake.sent.length = 0;
    fake.faults.length = 0;
    fake.webhookFaults.length = 0;
  });

  it("answers through a live session webhook, proactively once it expired", async () => {
    await sender.send(live(), reply("在会话里"), "k1");
    await sender.send(expired(), reply("主动发送"), "k2");
    expect(fake.sent.map((s) => [s.via, s.to, s.text])).toEqual([
      ["webhook", "cid1", "在会话里"],
      ["batchSend", "u1", "主动发送"],
    ]);
  });

  it("falls back to the staff id when the session webhook is refused", async () => {
    fake.webhookFaults.push(300001);
    await sender.send(live(), reply("换路发送"), "k3");
    expect(fake.sent.map((s) => s.via)).toEqual(["batchSend"]);
  });

  it("splits a long reply and, after a failure on part 2, does not send part 1 again", async () => {
    const long = Array.from({ length: 900 }, (_, i) => `第${i}行：司法所调解成功率99.2%，已按时上报。`).join("\n");
    fake.faults.push("ok", "flowControl");
    await expect(sender.send(expired(), reply(long), "k4")).rejects.toBeInstanceOf(RetryableError);
    await sender.send(expired(), reply(long), "k4");
    expect(fake.sent.map((s) => s.title.slice(-5))).toEqual(["（1/3）", "（2/3）", "（3/3）"]);
    for (const s of fake.sent) expect(Buffer.byteLength(s.text)).toBeLessThanOrEqual(20_000);
  });

  // One test per row of DINGTALK_SEND_ANSWERS (src/platforms/dingtalk/api-errors.ts).
  const rows: Array<[string, SendFault, typeof RetryableError | typeof PermanentError, RegExp]> = [
    ["HTTP 429 → retry", "429", RetryableError, /HTTP 429/],
    ["HTTP 403 Forbidden.AccessDenied.QpsLimitForApi → retry", "qpsLimit", RetryableError, /QpsLimitForApi/],
    ["HTTP 403 Forbidden.AccessDenied.QpsLimitForAppkeyAndApi → retry", "qpsLimitAppkey", RetryableError, /QpsLimitForAppkeyAndApi/],
    ["HTTP 403 AccessTokenPermissionDenied → permanent", "403", PermanentError, /AccessTokenPermissionDenied/],
    ["HTTP 5xx → retry", "500", RetryableError, /HTTP 500/],
    ["batchSend flowControlledStaffIdList → retry", "flowControl", RetryableError, /flow controlled: u1/],
    ["batchSend invalidStaffIdList → permanent", "invalidStaff", PermanentError, /invalid staff ids: u1/],
  ];
  for (const [name, fault, kind, text] of rows) {
    it(name, async () => {
      fake.faults.push(fault);
      const err = await sender.send(expired(), reply("x"), `row-${fault}`).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(kind);
      expect(err).not.toBeInstanceOf(OutcomeUnknownError);
      expect((err as Error).message).toMatch(text);
      if (kind === RetryableError && /Qps|flow|429/.test(name)) expect((err as RetryableError).retryAfterMs).toBe(1000);
      expect(fake.sent).toHaveLength(0);
    });
  }

  it("HTTP 400 InvalidAuthentication (revoked token) → the cached token is dropped, a new one fetched, the send retried once and delivered", async () => {
    await sender.send(expired(), reply("一"), "k6");
    await sender.send(expired(), reply("二"), "k7");
    const issued = fake.tokensIssued.length;
    expect(issued).toBeGreaterThan(0); // one token served both sends
    fake.revokeTokens();
    await sender.send(expired(), reply("三"), "k8");
    expect(fake.tokensIssued.length).toBe(1); // a new token after the revocation
    expect(fake.sent.map((s) => s.text)).toEqual(["一", "二", "三"]);
  });

  it("sessionWebhook errcode 130101 (too fast) → retry", async () => {
    fake.webhookFaults.push(130101);
    await expect(sender.send({ sessionWebhook: webhook(), sessionWebhookExpiredTime: Date.now() + 3_600_000 }, reply("x"), "k12")).rejects.toBeInstanceOf(RetryableError);
  });

  it("an answer lost after the request left is an unknown outcome, not a plain retry", async () => {
    fake.faults.push("lostAnswer");
    await expect(sender.send(expired(), reply("丢失的应答"), "k13")).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(fake.sent.map((s) => s.text)).toEqual(["丢失的应答"]); // it did arrive
  });

  it("draws from one bucket per API of the app (DINGTALK_QPS), and confirms a 1:1 send through the read-status API", async () => {
    expect(sender.rateBuckets(expired())).toEqual([{ key: `dingtalk:${APP.clientId}:oToMessages/batchSend`, perSecond: 20 }]);
    expect(sender.rateBuckets(live())).toEqual([{ key: `dingtalk:${APP.clientId}:sessionWebhook`, perSecond: 20 }]);
    expect(sender.rateBuckets(groupTarget("cidG"))).toEqual([{ key: `dingtalk:${APP.clientId}:groupMessages/send`, perSecond: 20 }]);
    let progress: Json = null;
    await sender.send(expired(), reply("确认送达"), "k14", { progress: null, saveProgress: async (p) => void (progress = p) });
    expect(await sender.confirmDelivered(expired(), reply("确认送达"), progress)).toBe("delivered");
    expect(await sender.confirmDelivered(expired(), reply("确认送达"), null)).toBe("unknown");
  });

  it("posts to a group chat through groupMessages/send (a section's reminders), 5xx retryable, 403 permanent", async () => {
    await sender.send(groupTarget("cidGroupMediation=="), { kind: "card", card: { title: "绩效数据报送提醒", lines: ["以下 1 项指标还没有数据："] } } as never, "g1");
    expect(fake.sent.map((s) => [s.via, s.to, s.title])).toEqual([["group", "cidGroupMediation==", "绩效数据报送提醒"]]);
    expect(sender.rateKey(groupTarget("cidGroupMediation=="))).toBe("cidGroupMediation==");
    fake.faults.push("500", "403");
    await expect(sender.send(groupTarget("cidG"), reply("x"), "g2")).rejects.toBeInstanceOf(RetryableError);
    await expect(sender.send(groupTarget("cidG"), reply("x"), "g2")).rejects.toBeInstanceOf(PermanentError);
  });

  it("refuses a target it cannot deliver to", async () => {
    await expect(sender.send({}, reply("x"), "k9")).rejects.toBeInstanceOf(PermanentError);
    await expect(sender.send({ sessionWebhook: webhook(), sessionWebhookExpiredTime: 0 }, reply("x"), "k10")).rejects.toBeInstanceOf(PermanentError);
    await expect(sender.send(live(), { kind: "nonsense" } as never, "k11")).rejects.toBeInstanceOf(PermanentError);
  });
});
