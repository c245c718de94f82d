// The Feishu long connection end to end: the official SDK's WSClient connects to the fake
// (endpoint + pbbp2 frames), events go through the real channel, pipeline and conversation core on
// the seeded 2021 data, replies leave through the outbox to the fake Open API. Acks are checked.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { seededDatabase } from "../helpers/seeded.js";
import { waitFor, type ReceivedMessage } from "./fakes/feishu-openapi.js";
import { cardActionEnvelope, messageEnvelope, startFeishuHarness, type FeishuHarness } from "./feishu-harness.js";

const ASKER = "ou_demo_mediation_head";
const REPORTER = "ou_demo_mediation_staff1";

describeEachEngine("Feishu long connection with the real bot", (engine) => {
  let db: TestDatabase;
  let h: FeishuHarness;
  beforeAll(async () => {
    db = await seededDatabase(engine);
    h = await startFeishuHarness({ db, mode: "ws" });
    await waitFor(() => h.ws!.openSockets === 1, 5_000, "long connection");
  });
  afterAll(async () => {
    await h?.close();
    await db?.dispose();
  });

  async function say(text: string, openId = ASKER, chatType: "p2p" | "group" = "p2p"): Promise<ReceivedMessage> {
    const before = h.api.messages.length;
    const ack = await h.ws!.push(messageEnvelope({ text, openId, chatType }));
    expect(ack.code).toBe(200);
    await waitFor(() => h.api.messages.length > before, 10_000, `reply to ${text}`);
    return h.api.messages[before]!;
  }

  it("调解成功率的目标是多少 → acked, then a reply containing 98%", async () => {
    const reply = await say("调解成功率的目标是多少");
    expect(reply.text).toContain("98%");
    expect(reply).toMatchObject({ receiveIdType: "open_id", receiveId: ASKER });
  });

  it("an @-message in a group is answered in the group", async () => {
    const reply = await say("调解成功率的目标是多少", ASKER, "group");
    expect(reply).toMatchObject({ receiveIdType: "chat_id", receiveId: "oc_group1" });
    expect(reply.text).toContain("98%");
  });

  it("the same message pushed again under a new event_id is acked and answered once", async () => {
    const env = messageEnvelope({ text: "调解成功率的目标是多少", openId: ASKER });
    const before = h.api.messages.length;
    expect((await h.ws!.push(env)).code).toBe(200);
    expect((await h.ws!.push({ ...env, header: { ...env.header, event_id: "evt-again" } })).code).toBe(200);
    await waitFor(() => h.api.messages.length > before, 10_000, "reply");
    await h.channel.idle();
    await new Promise((r) => setTimeout(r, 200));
    expect(h.api.messages.length).toBe(before + 1);
  });

  it("a card button pressed over the long connection confirms the report; the ack carries toast and card", async () => {
    const card = await say("本月调解成功率99.2%", REPORTER);
    const confirm = (card.content.elements as Array<{ actions?: Array<{ value: { action: string } }> }>)
      .flatMap((e) => e.actions ?? [])
      .find((b) => b.value.action === "confirm");
    expect(confirm).toBeDefined();
    const ack = await h.ws!.push(cardActionEnvelope({ openId: REPORTER, value: confirm!.value, messageId: card.messageId }));
    expect(ack.code).toBe(200);
    expect(ack.data).toMatchObject({ toast: { type: "success", content: "已记录" }, card: { type: "raw" } });
    const stored = await db.prisma.progressReport.findMany({ where: { value: 99.2 }, include: { indicator: true } });
    expect(stored.filter((r) => r.indicator.name === "调解成功率")).toHaveLength(1);
  });
});
