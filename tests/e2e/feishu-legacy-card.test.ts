// Issue 8 item 7: an app still configured with the old 消息卡片请求网址 posts schema-less,
// sha1-signed card callbacks to our URL. They are refused with a 400 that names the cause (in the
// answer and in the log), nothing is done; the new card.action.trigger keeps working (feishu-webhook.test.ts).
import { createHash, randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { seededDatabase } from "../helpers/seeded.js";
import { APP, startFeishuHarness, type FeishuHarness } from "./feishu-harness.js";
import { legacyCardCallback } from "../fixtures/feishu-events.js";

describeEachEngine("Feishu: the old message-card request URL", (engine) => {
  let db: TestDatabase;
  let h: FeishuHarness;
  const lines: Array<{ msg?: string; reason?: string; status?: number }> = [];
  beforeAll(async () => {
    db = await seededDatabase(engine);
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) });
    h = await startFeishuHarness({ db, mode: "webhook", log: pino({ level: "info" }, sink) });
  });
  afterAll(async () => {
    await h?.close();
    await db?.dispose();
  });

  it("a schema-less, sha1-signed card callback gets a 400 with the reason, logged; nothing is stored", async () => {
    // Old card callbacks: signature = sha1(timestamp + nonce + verification token + body), hex.
    const body = JSON.stringify(legacyCardCallback({ openId: "ou_demo_mediation_staff1", value: { action: "confirm", token: "t1" }, messageId: "om_1" }));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomUUID();
    const signature = createHash("sha1").update(timestamp + nonce + APP.verificationToken + body).digest("hex");
    const res = await fetch(h.eventsUrl!, {
      method: "POST",
      headers: { "content-type": "application/json", "x-lark-request-timestamp": timestamp, "x-lark-request-nonce": nonce, "x-lark-signature": signature },
      body,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/card\.action\.trigger/);
    const refused = lines.find((l) => l.msg === "feishu webhook refused" && l.reason?.includes("消息卡片请求网址"));
    expect(refused).toMatchObject({ status: 400 });
    expect(await db.prisma.inboundEvent.count()).toBe(0);
  });

  it("start-up says where card buttons must be configured", () => {
    expect(lines.some((l) => l.msg?.includes("card.action.trigger") && l.msg.includes("消息卡片请求网址"))).toBe(true);
  });
});
