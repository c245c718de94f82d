// The Feishu webhook end to end: signed, encrypted events POSTed to the real channel → inbound
// pipeline → the real conversation core on the seeded 2021 data → outbox → official SDK → the
// fake Open API, which records what it receives.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Bot } from "../../src/conversation/types.js";
import { uuidFor } from "../../src/platforms/feishu/sender.js";
import { runDueReminders } from "../../src/reminders/deliver.js";
import { parseSettings } from "../../src/reminders/settings.js";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { context } from "../helpers/reminders.js";
import { seededDatabase } from "../helpers/seeded.js";
import { waitFor, type ReceivedMessage } from "./fakes/feishu-openapi.js";
import { APP, cardActionEnvelope, messageEnvelope, startFeishuHarness, type FeishuHarness } from "./feishu-harness.js";

const ASKER = "ou_demo_mediation_staff1";
const REPORTER = "ou_demo_mediation_staff2";

describeEachEngine("Feishu webhook with the real bot", (engine) => {
  let db: TestDatabase;
  let h: FeishuHarness;
  beforeAll(async () => {
    db = await seededDatabase(engine);
    h = await startFeishuHarness({ db, mode: "webhook" });
  });
  afterAll(async () => {
    await h?.close();
    await db?.dispose();
  });

  async function say(text: string, openId = ASKER, extra: { messageId?: string } = {}): Promise<ReceivedMessage> {
    const before = h.api.messages.length;
    const res = await h.post(messageEnvelope({ text, openId, ...extra }));
    expect(res.status).toBe(200);
    await waitFor(() => h.api.messages.length > before, 10_000, `reply to ${text}`);
    return h.api.messages[before]!;
  }

  it("answers the console's url_verification challenge", async () => {
    const res = await h.post({ type: "url_verification", challenge: "ch-1", token: APP.verificationToken });
    expect(await res.json()).toEqual({ challenge: "ch-1" });
  });

  it("调解成功率的目标是多少 → a reply containing 98% to the asker's open_id", async () => {
    const reply = await say("调解成功率的目标是多少");
    expect(reply.text).toContain("98%");
    expect(reply).toMatchObject({ receiveIdType: "open_id", receiveId: ASKER });
  });

  it("a redelivery of the same message under a new event_id is answered once", async () => {
    const env = messageEnvelope({ text: "调解成功率的目标是多少", openId: ASKER });
    const before = h.api.messages.length;
    expect((await h.post(env)).status).toBe(200);
    expect((await h.post({ ...env, header: { ...env.header, event_id: "another-event-id" } })).status).toBe(200);
    await waitFor(() => h.api.messages.length > before, 10_000, "reply");
    await h.channel.idle();
    await new Promise((r) => setTimeout(r, 200));
    expect(h.api.messages.length).toBe(before + 1);
    expect(await db.prisma.inboundEvent.count({ where: { externalId: env.event.message.message_id } })).toBe(1);
  });

  it("refuses a forged signature, a foreign key and another app's event, and acts on none", async () => {
    const before = { sent: h.api.messageRequests, rows: await db.prisma.inboundEvent.count() };
    const forged = await h.post(messageEnvelope({ text: "调解成功率的目标是多少", openId: ASKER }), { signature: "0".repeat(64) });
    expect(forged.status).toBe(401);
    const wrongKey = await h.post(messageEnvelope({ text: "hi", openId: ASKER }), { encryptKey: "not-our-key" });
    expect([400, 401]).toContain(wrongKey.status);
    const foreign = await h.post(messageEnvelope({ text: "hi", openId: ASKER, appId: "cli_0000000000000000" }));
    expect(foreign.status).toBe(403);
    const garbage = await fetch(h.eventsUrl!, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(garbage.status).toBe(400);
    const huge = await fetch(h.eventsUrl!, { method: "POST", body: "x".repeat(300 * 1024) });
    expect(huge.status).toBe(413);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.api.messageRequests).toBe(before.sent);
    expect(await db.prisma.inboundEvent.count()).toBe(before.rows);
  });

  it("429 then success: one message, sent on the retry", async () => {
    h.api.faults.push("429");
    const requests = h.api.messageRequests;
    const reply = await say("调解成功率的目标是多少");
    expect(reply.text).toContain("98%");
    expect(h.api.messageRequests - requests).toBe(2);
  });

  it("99991663 (token refused): a fresh token is fetched and the reply goes out once", async () => {
    const tokens = h.api.tokensIssued.length;
    h.api.faults.push("99991663");
    const reply = await say("调解成功率的目标是多少");
    expect(reply.text).toContain("98%");
    expect(h.api.tokensIssued.length).toBe(tokens + 1);
    const sentRows = () => db.prisma.outboundMessage.count({ where: { externalId: reply.messageId, status: "sent" } });
    let rows = 0;
    await waitFor(() => (void sentRows().then((n) => (rows = n)), rows === 1), 5_000, "outbox row marked sent");
  });

  it("a card button confirms a report; the answer shows the outcome and it is stored", async () => {
    const card = await say("本月调解成功率99.2%", REPORTER);
    expect(card.msgType).toBe("interactive");
    expect(card.text).toContain("99.2");
    const buttons = (card.content.elements as Array<{ tag: string; actions?: Array<{ value: { action: string } }> }>)
      .flatMap((e) => e.actions ?? []);
    const confirm = buttons.find((b) => b.value.action === "confirm");
    expect(confirm).toBeDefined();
    const res = await h.post(cardActionEnvelope({ openId: REPORTER, value: confirm!.value, messageId: card.messageId }));
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { toast: { type: string; content: string }; card?: { type: string; data: { elements: Array<{ tag: string }> } } };
    expect(answer.toast).toEqual({ type: "success", content: "已记录" });
    expect(answer.card?.type).toBe("raw");
    expect(answer.card?.data.elements.some((e) => e.tag === "action")).toBe(false); // buttons gone
    const stored = await db.prisma.progressReport.findMany({ where: { value: 99.2 }, include: { indicator: true } });
    expect(stored.filter((r) => r.indicator.name === "调解成功率")).toHaveLength(1);
  });

  it("a crash between receive and reply loses nothing: a new instance on the same DB answers once", async () => {
    await h.close(false);
    // Instance A stores the message and acks, then dies inside processing (its handler never returns).
    const stuck: Bot = { handle: () => new Promise(() => {}), handleAction: async () => ({ toast: "" }) };
    const a = await startFeishuHarness({ db, mode: "webhook", api: h.api, bot: stuck, inbound: { leaseMs: 300 } });
    const env = messageEnvelope({ text: "调解成功率的目标是多少", openId: ASKER });
    const before = h.api.messages.length;
    expect((await a.post(env)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    await a.close(false, 0);
    await new Promise((r) => setTimeout(r, 300)); // lease runs out
    h = await startFeishuHarness({ db, mode: "webhook", api: h.api, inbound: { leaseMs: 300 } });
    await waitFor(() => h.api.messages.length > before, 10_000, "reply after restart");
    expect((await h.post(env)).status).toBe(200); // Feishu's retry of the same message, too
    await h.channel.idle();
    await new Promise((r) => setTimeout(r, 200));
    expect(h.api.messages.length).toBe(before + 1);
    expect(h.api.messages[before]!.text).toContain("98%");
  });

  it("a reminder for a section's group chat (groupChats) is sent to its chat_id, once", async () => {
    const ctx = { ...context(db), settings: parseSettings({ groupChats: { mediation: { platform: "feishu", chatId: "oc_mediation_group" } } }), outbox: h.outbox };
    const r = await runDueReminders(ctx, new Date("2021-12-01T09:00:00+08:00"));
    const group = r.sent.filter((s) => s.address?.chat);
    expect(group.map((s) => s.recipient.name)).toEqual(["人民参与和促进法治科群"]);
    await waitFor(() => h.api.messages.some((m) => m.receiveIdType === "chat_id"), 10_000, "group reminder");
    const posted = h.api.messages.filter((m) => m.receiveIdType === "chat_id");
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ receiveId: "oc_mediation_group", msgType: "interactive", uuid: uuidFor(group[0]!.key) });
    expect(posted[0]!.text).toContain("人民参与和促进法治科以下");
    expect((await runDueReminders(ctx, new Date("2021-12-01T10:00:00+08:00"))).sent).toEqual([]);
  });
});
