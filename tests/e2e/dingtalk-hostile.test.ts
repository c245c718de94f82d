// DingTalk HTTP callbacks under attack and with odd input (issue 10 items 7, 8, 9), end to end:
// signed POSTs → our router → inbound pipeline → the real bot → outbox → the fake DingTalk.
// Bodies are the fake's robotMessage(), shaped like DingTalk's published callback
// (https://open.dingtalk.com/document/orgapp/receive-message).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { TEXT_TOO_LONG } from "../../src/conversation/sanitize.js";
import { dingtalkSign } from "../../src/platforms/dingtalk/verify.js";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { seededDatabase } from "../helpers/seeded.js";
import { waitFor } from "./fakes/dingtalk.js";
import { APP, startHarness, type Harness } from "./dingtalk-harness.js";

const settle = () => new Promise((r) => setTimeout(r, 400));

describeEachEngine("DingTalk HTTP callbacks: replays, foreign session webhooks, odd input", (engine) => {
  let db: TestDatabase;
  let h: Harness;
  let steal: Server;
  let stolen: string[];
  let stealUrl: string;
  beforeAll(async () => {
    db = await seededDatabase(engine);
    h = await startHarness({ db, mode: "http" });
    stolen = [];
    steal = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        stolen.push(body);
        res.end('{"errcode":0}');
      });
    });
    await new Promise<void>((r) => steal.listen(0, "127.0.0.1", r));
    stealUrl = `http://127.0.0.1:${(steal.address() as AddressInfo).port}/steal`;
  });
  afterAll(async () => {
    await h?.close();
    steal?.close();
    await db?.dispose();
  });
  afterEach(() => {
    h.fake.sent.length = 0;
    stolen.length = 0;
  });

  it("accepts a (timestamp, sign) pair for one body only; the same body again is a redelivery", async () => {
    const timestamp = Date.now();
    const msg = h.fake.robotMessage({ text: "调解成功率的目标是多少", staffId: "demo_legislation_head" });
    expect((await h.post(msg, { timestamp })).status).toBe(200);
    expect((await h.post(msg, { timestamp })).status).toBe(200); // DingTalk retrying the same request
    // The captured headers on a new body: the admin asking for the overview, replies to our URL.
    const forged = { ...h.fake.robotMessage({ text: "还有谁没报", staffId: "demo_office_admin" }), sessionWebhook: stealUrl };
    const replay = await h.post(forged, { timestamp });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toEqual({ error: "replayed" });
    await waitFor(() => h.fake.sent.find((s) => s.to === msg.conversationId), 5000, "reply");
    await settle();
    await h.channel.idle();
    expect(h.fake.sent.filter((s) => s.to === msg.conversationId)).toHaveLength(1);
    expect(await db.prisma.inboundEvent.count({ where: { externalId: forged.msgId } })).toBe(0);
    expect(stolen).toEqual([]);
  });

  it("refuses the replay on another instance too (seen pairs are in the database)", async () => {
    const timestamp = Date.now() - 5_000;
    const first = h.fake.robotMessage({ text: "调解成功率的目标是多少", staffId: "demo_legislation_staff1" });
    expect((await h.post(first, { timestamp })).status).toBe(200);
    const other = await startHarness({ db, mode: "http" });
    try {
      const forged = h.fake.robotMessage({ text: "还有谁没报", staffId: "demo_office_admin" });
      expect((await other.post(forged, { timestamp })).status).toBe(401);
      expect(await db.prisma.inboundEvent.count({ where: { externalId: forged.msgId } })).toBe(0);
    } finally {
      await other.close();
    }
    expect(await db.prisma.dingTalkCallbackSeen.count()).toBeGreaterThan(0);
  });

  it("never POSTs a reply to a sessionWebhook outside DingTalk: it goes through the robot API", async () => {
    const msg = { ...h.fake.robotMessage({ text: "调解成功率的目标是多少", staffId: "demo_legislation_head" }), sessionWebhook: stealUrl };
    expect((await h.post(msg)).status).toBe(200);
    const reply = await waitFor(() => h.fake.sent.find((s) => s.to === "demo_legislation_head"), 5000, "reply");
    expect(reply).toMatchObject({ via: "batchSend", text: expect.stringContaining("98%") });
    expect(stolen).toEqual([]);
  });

  it("answers signed messages with NUL, lone surrogates and createAt 1e20 instead of failing their insert", async () => {
    const odd = [
      { ...h.fake.robotMessage({ text: "调解成功率的\u0000目标是多少", staffId: "demo_legislation_staff2" }) },
      { ...h.fake.robotMessage({ text: "调解成功率的目标是多少\ud800", staffId: "demo_reconsideration_head" }) },
      { ...h.fake.robotMessage({ text: "调解成功率的目标是多少", staffId: "demo_office_head" }), createAt: 1e20, sessionWebhookExpiredTime: 1e20 },
    ];
    for (const msg of odd) expect((await h.post(msg)).status).toBe(200);
    for (const msg of odd) {
      const reply = await waitFor(() => h.fake.sent.find((s) => s.to === msg.conversationId), 5000, `reply to ${msg.msgId}`);
      expect(reply.text).toContain("98%");
    }
    const rows = await db.prisma.inboundEvent.findMany({ where: { externalId: { in: odd.map((m) => m.msgId) } } });
    expect(rows.map((r) => r.status)).toEqual(["done", "done", "done"]);
  });

  it("answers an over-long message with the polite line, before any parsing", async () => {
    const msg = h.fake.robotMessage({ text: "本月调解成功率99.2%".repeat(400), staffId: "demo_legislation_head" });
    expect(msg.text.content.length).toBeGreaterThan(4000);
    expect((await h.post(msg)).status).toBe(200);
    const reply = await waitFor(() => h.fake.sent.find((s) => s.to === msg.conversationId), 5000, "reply");
    expect(reply.text).toContain("消息太长");
    expect(TEXT_TOO_LONG).toContain("4000");
    expect(await db.prisma.progressReport.count({ where: { rawText: { contains: "99.2" } } })).toBe(0);
  });

  it("does not trust a signature made with another secret even when the pair is fresh", async () => {
    const timestamp = String(Date.now());
    const res = await fetch(h.eventsUrl!, {
      method: "POST",
      headers: { "content-type": "application/json", timestamp, sign: dingtalkSign(timestamp, `${APP.clientSecret}x`) },
      body: JSON.stringify(h.fake.robotMessage({ text: "还有谁没报", staffId: "demo_office_admin" })),
    });
    expect(res.status).toBe(401);
  });
});
