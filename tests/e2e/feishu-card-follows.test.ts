// Cards follow the state (issue 11): a confirmation card settled by another route — typed 确认, a
// newer report replacing it — is PATCHed to the outcome through the outbox (the official SDK's
// im.v1.message.patch against the local Open API fake), and pressing its old button answers what
// happened ("已于 10:00 确认保存"), never "请重新发送".
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { seededDatabase } from "../helpers/seeded.js";
import { waitFor, type ReceivedMessage } from "./fakes/feishu-openapi.js";
import { cardActionEnvelope, messageEnvelope, startFeishuHarness, type FeishuHarness } from "./feishu-harness.js";

const REPORTER = "ou_demo_mediation_staff2";

describeEachEngine("Feishu: cards follow the state of their confirmation", (engine) => {
  let db: TestDatabase;
  let h: FeishuHarness;
  beforeAll(async () => {
    db = await seededDatabase(engine);
    h = await startFeishuHarness({ db, mode: "webhook" });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await db?.dispose();
  });

  async function say(text: string): Promise<ReceivedMessage> {
    const before = h.api.messages.length;
    expect((await h.post(messageEnvelope({ text, openId: REPORTER }))).status).toBe(200);
    await waitFor(() => h.api.messages.length > before, 10_000, `reply to ${text}`);
    const reply = h.api.messages[before]!;
    let sent = 0; // the card's outbox row knows its message_id once the send has returned
    await waitFor(() => (void db.prisma.outboundMessage.count({ where: { externalId: reply.messageId, status: "sent" } }).then((n) => (sent = n)), sent === 1), 5_000, "card marked sent");
    return reply;
  }
  const buttonOf = (card: ReceivedMessage, action: string) =>
    (card.content.elements as Array<{ actions?: Array<{ value: { action: string; token: string } }> }>).flatMap((e) => e.actions ?? []).find((b) => b.value.action === action)!;
  const press = async (card: ReceivedMessage, action: string) => {
    const res = await h.post(cardActionEnvelope({ openId: REPORTER, value: buttonOf(card, action).value, messageId: card.messageId }));
    return (await res.json()) as { toast: { content: string } };
  };

  it("typed 确认: the card is patched to the outcome, and its old button says when it was saved", async () => {
    const card = await say("本月调解成功率99.1%");
    expect(card.text).toContain("请确认报送");
    await say("确认");
    await waitFor(() => h.api.patches.some((p) => p.messageId === card.messageId), 10_000, "PATCH of the card");
    expect(h.api.patches.find((p) => p.messageId === card.messageId)?.text).toContain("已于 10:00 确认保存");
    const answer = await press(card, "confirm");
    expect(answer.toast.content).toBe("已于 10:00 确认保存");
    expect(await db.prisma.progressReport.count({ where: { value: 99.1 } })).toBe(1); // not twice
  });

  it("a newer report replaces the waiting one: the old card says so, and its button stores nothing", async () => {
    const first = await say("十月份调解成功率98.1%");
    await say("十月份调解成功率98.2%");
    await waitFor(() => h.api.patches.some((p) => p.messageId === first.messageId), 10_000, "PATCH of the replaced card");
    expect(h.api.patches.find((p) => p.messageId === first.messageId)?.text).toContain("被新的报送替换");
    expect((await press(first, "confirm")).toast.content).toBe("已于 10:00 被新的报送替换，未保存");
    expect(await db.prisma.progressReport.count({ where: { value: 98.1 } })).toBe(0);
  });
});
