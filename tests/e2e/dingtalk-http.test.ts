// DingTalk HTTP-callback mode end to end: signed POSTs as DingTalk sends them → our express router
// → inbound pipeline → the real bot (seeded 2021 data) → outbox → the fake DingTalk's session webhook.
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { seededDatabase } from "../helpers/seeded.js";
import { waitFor } from "./fakes/dingtalk.js";
import { startHarness, type Harness } from "./dingtalk-harness.js";

const settle = () => new Promise((r) => setTimeout(r, 300));
const HOUR = 3_600_000;

describeEachEngine("DingTalk HTTP callback mode", (engine) => {
  let db: TestDatabase;
  let h: Harness;
  beforeAll(async () => {
    db = await seededDatabase(engine);
    h = await startHarness({ db, mode: "http" });
  });
  afterAll(async () => {
    await h?.close();
    await db?.dispose();
  });
  afterEach(() => {
    h.fake.sent.length = 0;
  });

  it("answers a signed robot message at once, then replies through the session webhook", async () => {
    const msg = h.fake.robotMessage({ text: "调解成功率的目标是多少", staffId: "demo_legislation_head" });
    const res = await h.post(msg);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    const reply = await waitFor(() => h.fake.sent.find((s) => s.to === msg.conversationId), 5000, "reply");
    expect(reply).toMatchObject({ via: "webhook", text: expect.stringContaining("98%") });
  });

  it("answers a redelivered msgId once", async () => {
    const msg = h.fake.robotMessage({ text: "调解成功率的目标是多少", staffId: "demo_legislation_staff1" });
    const statuses = await Promise.all([h.post(msg), h.post(msg), h.post(msg)].map(async (r) => (await r).status));
    expect(statuses).toEqual([200, 200, 200]);
    await waitFor(() => h.fake.sent.some((s) => s.to === msg.conversationId), 5000, "reply");
    await settle();
    await h.channel.idle();
    expect(h.fake.sent.filter((s) => s.to === msg.conversationId)).toHaveLength(1);
  });

  it("refuses forged, other-secret, expired and unsigned callbacks and acts on none", async () => {
    const msg = h.fake.robotMessage({ text: "调解成功率的目标是多少", staffId: "demo_legislation_staff2" });
    expect((await h.post(msg, { secret: "not-the-secret" })).status).toBe(401);
    expect((await h.post(msg, { timestamp: Date.now() - HOUR - 60_000 })).status).toBe(401);
    expect((await h.post(msg, { timestamp: Date.now() + HOUR + 60_000 })).status).toBe(401);
    const unsigned = await fetch(h.eventsUrl!, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(msg) });
    expect(unsigned.status).toBe(401);
    await settle();
    expect(h.fake.sent).toEqual([]);
    expect(await db.prisma.inboundEvent.count({ where: { externalId: msg.msgId } })).toBe(0);
  });

  it("refuses malformed and oversized bodies with a 4xx", async () => {
    expect((await h.post(undefined, { raw: "{not json" })).status).toBe(400);
    expect((await h.post(undefined, { raw: JSON.stringify({ hello: "world" }) })).status).toBe(400);
    const huge = h.fake.robotMessage({ text: "好".repeat(100_000), staffId: "demo_reconsideration_head" });
    expect((await h.post(huge)).status).toBe(413);
    await settle();
    expect(h.fake.sent).toEqual([]);
  });
});
