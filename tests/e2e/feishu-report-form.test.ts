// The reminder's reporting form on Feishu (issue 12 item 3), end to end through the official SDK and
// the local fakes: the reminder tick sends the Feishu card with a 填报 button → pressing it
// (card.action.trigger) sends a card JSON 2.0 form with one input per indicator the head's section
// owes (domain/missing.ts) → submitting it (card.action.trigger with action.form_value, the
// callback shape of 飞书开放平台「卡片回传交互」) gives the several-item confirmation card → 确认
// stores the reports. No function of ours is replaced.
import { afterAll, beforeAll, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { createTurnPorts } from "../../src/turn-ports.js";
import { createBot } from "../../src/conversation/bot.js";
import { fromShanghai } from "../../src/domain/shanghai-time.js";
import { silentLogger } from "../../src/logger.js";
import { runDueReminders } from "../../src/reminders/deliver.js";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { context } from "../helpers/reminders.js";
import { seededDatabase } from "../helpers/seeded.js";
import { waitFor, type ReceivedMessage } from "./fakes/feishu-openapi.js";
import { cardActionEnvelope, startFeishuHarness, type FeishuHarness } from "./feishu-harness.js";

const HEAD = "ou_demo_mediation_head"; // 王建国, 人民参与和促进法治科

type Json = Record<string, unknown>;
type El = { tag?: string; name?: string; label?: { content?: string }; elements?: El[]; actions?: El[]; value?: Json; behaviors?: Array<{ value?: Json }>; form_action_type?: string };

describeEachEngine("Feishu: the reminder's 填报 form round trip", (engine) => {
  let db: TestDatabase;
  let h: FeishuHarness;
  beforeAll(async () => {
    db = await seededDatabase(engine);
    // The business clock just after the reminder: 12-01, November is being collected.
    const bot = createBot({ ports: createTurnPorts({ db, log: silentLogger }), db, clock: fixedClock("2021-12-01T09:30:00+08:00"), log: silentLogger });
    h = await startFeishuHarness({ db, mode: "webhook", bot });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await db?.dispose();
  });

  const to = (openId: string, after = 0) => h.api.messages.slice(after).filter((m) => m.receiveId === openId);
  async function next(openId: string, after: number, what: string): Promise<ReceivedMessage> {
    await waitFor(() => to(openId, after).length > 0, 10_000, what);
    return to(openId, after)[0]!;
  }
  async function press(card: ReceivedMessage, value: Json, form?: { button: string; values: Record<string, string> }) {
    const res = await h.post(cardActionEnvelope({ openId: HEAD, value, messageId: card.messageId, ...(form ? { form } : {}) }));
    expect(res.status).toBe(200);
    return (await res.json()) as { toast: { content: string } };
  }

  it("reminder → 填报 → form (JSON 2.0) → submit with form_value → one confirmation → 确认 stores them", async () => {
    await runDueReminders(context(db), fromShanghai(2021, 12, 1, 9));
    const reminder = await next(HEAD, 0, "the reminder to the head");
    expect(reminder.text).toContain("绩效数据报送提醒：2021年11月");
    expect(reminder.text).toMatch(/直接回复，例如：.+X/);
    const fill = (reminder.content.elements as El[]).flatMap((e) => e.actions ?? []).find((b) => (b as { text?: { content?: string } }).text?.content === "填报");
    expect(fill?.value).toEqual({ action: "report_form", token: "2021-11" });

    let seen = h.api.messages.length;
    expect((await press(reminder, fill!.value!)).toast.content).toBe("已发送填报表单");
    const formCard = await next(HEAD, seen, "the form card");
    expect(formCard.msgType).toBe("interactive");
    expect(formCard.content.schema).toBe("2.0");
    const body = (formCard.content.body as { elements: El[] }).elements;
    const form = body.find((e) => e.tag === "form")!;
    const inputs = form.elements!.filter((e) => e.tag === "input");
    const submit = form.elements!.find((e) => e.tag === "button" && e.form_action_type === "submit")!;
    // one input per indicator the section owes on 12-01 (domain/missing.ts): the same 3 the reminder lists
    const owed = await db.prisma.reminderDelivery.findFirstOrThrow({ where: { key: { contains: `:${(await db.prisma.user.findFirstOrThrow({ where: { name: "王建国" } })).id}:` } } });
    expect(inputs).toHaveLength((owed.detail as { indicators: unknown[] }).indicators.length);
    const byLabel = (part: string) => inputs.find((i) => i.label?.content?.includes(part));
    const rate = byLabel("调解成功率");
    expect(rate?.label?.content).toContain("2021年11月，单位：%");
    expect(rate?.name).toMatch(/^i\d+_2021-11-01_2021-11-30$/); // the indicator and the period asked for
    const other = inputs.find((i) => i !== rate && !/定性|已完成/.test(JSON.stringify(i)))!;

    // Submit: two inputs filled, the rest left empty (not reported).
    seen = h.api.messages.length;
    const values = { [rate!.name!]: "99.2", [other.name!]: "１２" }; // full-width digits, as an IME may type them
    const answer = await press(formCard, submit.behaviors![0]!.value!, { button: "submit", values: { ...values, ...Object.fromEntries(inputs.filter((i) => i !== rate && i !== other).map((i) => [i.name!, ""])) } });
    expect(answer.toast.content).toBe("请确认");
    const confirmCard = await next(HEAD, seen, "the confirmation card");
    expect(confirmCard.text).toContain("请确认报送（2项）");
    expect(confirmCard.text).toContain("调解成功率** 2021年11月：99.2%");
    expect(await db.prisma.progressReport.count()).toBe(0); // nothing before 确认

    const confirm = (confirmCard.content.elements as El[]).flatMap((e) => e.actions ?? []).find((b) => b.value?.action === "confirm")!;
    expect((await press(confirmCard, confirm.value!)).toast.content).toBe("已记录");
    const rows = await db.prisma.progressReport.findMany({ include: { indicator: true }, orderBy: { id: "asc" } });
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.indicatorId).sort()).toEqual([rate!, other].map((i) => Number(/^i(\d+)_/.exec(i.name!)![1])).sort());
    expect(rows.find((r) => r.indicator.name === "调解成功率")?.value).toBe(99.2);
    expect(rows.every((r) => r.periodStart.toISOString().startsWith("2021-11-01"))).toBe(true);

    // The same form submitted again: both figures already stand — refused, nothing stored twice.
    const again = await press(formCard, submit.behaviors![0]!.value!, { button: "submit", values: { [rate!.name!]: "99.2", [other.name!]: "12" } });
    expect(again.toast.content).toBe("均不能报送");
    expect(await db.prisma.progressReport.count()).toBe(2);
  });
});
