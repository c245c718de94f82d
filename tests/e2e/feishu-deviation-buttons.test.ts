// 偏差原因 on Feishu (issue 13 item 3): in the August round a confirmed report that leaves 值班律师
// red brings a card whose buttons are the five causes; pressing one (card.action.trigger through the
// signed webhook) brings the 完成目标可能性 buttons; 确定能 finishes — one DeviationReason row.
// The official SDK sends every card to the local Open API fake; nothing of ours is replaced.
import { afterAll, beforeAll, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { createTurnPorts } from "../../src/turn-ports.js";
import { createBot } from "../../src/conversation/bot.js";
import { silentLogger } from "../../src/logger.js";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { seededDatabase } from "../helpers/seeded.js";
import { waitFor, type ReceivedMessage } from "./fakes/feishu-openapi.js";
import { cardActionEnvelope, messageEnvelope, startFeishuHarness, type FeishuHarness } from "./feishu-harness.js";

const STAFF = "ou_demo_lawyer_staff1"; // 袁媛, 律师工作科
type Button = { text: { content: string }; value: { action: string; token: string } };

describeEachEngine("Feishu: 偏差原因 by buttons", (engine) => {
  let db: TestDatabase;
  let h: FeishuHarness;
  beforeAll(async () => {
    db = await seededDatabase(engine);
    const bot = createBot({ ports: createTurnPorts({ db, log: silentLogger }), db, clock: fixedClock("2021-08-10T10:00:00+08:00"), log: silentLogger });
    h = await startFeishuHarness({ db, mode: "webhook", bot });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await db?.dispose();
  });

  const cards = (after: number) => h.api.messages.slice(after).filter((m) => m.receiveId === STAFF && m.msgType === "interactive");
  async function nextCard(after: number, title: string): Promise<ReceivedMessage> {
    await waitFor(() => cards(after).some((m) => m.text.includes(title)), 10_000, title);
    return cards(after).find((m) => m.text.includes(title))!;
  }
  const buttons = (card: ReceivedMessage) => (card.content.elements as Array<{ actions?: Button[] }>).flatMap((e) => e.actions ?? []);
  async function press(card: ReceivedMessage, label: string) {
    const b = buttons(card).find((x) => x.text.content === label)!;
    const res = await h.post(cardActionEnvelope({ openId: STAFF, value: b.value, messageId: card.messageId }));
    return (await res.json()) as { toast: { content: string }; card?: { data: { header: { title: { content: string } } } } };
  }

  it("report → 确认 → cause buttons → likelihood buttons → stored once", async () => {
    let seen = h.api.messages.length;
    expect((await h.post(messageEnvelope({ text: "7月值班人次100人次", openId: STAFF }))).status).toBe(200);
    const confirm = await nextCard(seen, "请确认报送");
    seen = h.api.messages.length;
    expect((await press(confirm, "确认")).toast.content).toBe("已记录");
    const causes = await nextCard(seen, "请说明偏差原因");
    expect(buttons(causes).map((b) => b.text.content)).toEqual(["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他", "跳过"]);
    expect(causes.text).toContain("1–7月为红灯");

    seen = h.api.messages.length;
    const pressed = await press(causes, "人员保障");
    expect(pressed.toast.content).toBe("已记录");
    const likely = await nextCard(seen, "完成目标可能性");
    expect(buttons(likely).map((b) => b.text.content)).toEqual(["确定能", "有可能", "完全不可能", "跳过"]);
    expect(likely.text).toContain("偏差原因：人员保障");
    expect((await press(likely, "确定能")).toast.content).toBe("已记录");

    const rows = await db.prisma.deviationReason.findMany();
    expect(rows).toMatchObject([{ roundKey: "2021-07", cause: "人员保障", likelihood: "确定能", expectedValue: null, skipped: false }]);
    // the cause card pressed again: nothing more is written
    await press(causes, "其他");
    expect(await db.prisma.deviationReason.count()).toBe(1);
  });
});
