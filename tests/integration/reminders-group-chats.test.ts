// Opt-in group chats (data/reminder-settings.json `groupChats`, `escalationChat`) on the real table
// and org chart, November 2021's cycle (deadline 6 Dec): a configured section's group gets each
// deadline stage once — only while that section has data missing, listing the indicators and no
// names; the escalation goes to the escalation chat too; without the setting no group gets anything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { silentLogger } from "../../src/logger.js";
import { muteCurrentPeriod } from "../../src/reminders/preferences.js";
import { planReminders, type ReminderContext } from "../../src/reminders/plan.js";
import { createReminderScheduler } from "../../src/reminders/scheduler.js";
import { DEFAULT_SETTINGS, parseSettings } from "../../src/reminders/settings.js";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { calendar, context, reportSection, userId } from "../helpers/reminders.js";
import { seededDatabase } from "../helpers/seeded.js";

const MEDIATION_GROUP = "oc_mediation_group";
const ADMIN_GROUP = "cidAdminGroup==";

describe("reminder settings: group chats", () => {
  it("default: no group chat and no escalation chat", () => {
    expect(DEFAULT_SETTINGS.groupChats).toEqual({});
    expect(DEFAULT_SETTINGS.escalationChat).toBeUndefined();
    expect(parseSettings({ deadlineDay: 5 }).groupChats).toEqual({});
  });

  it("a bad value is refused with the key at fault", () => {
    expect(() => parseSettings({ groupChats: { mediation: { platform: "wechat", chatId: "x" } } })).toThrow(/groupChats\.mediation\.platform/);
    expect(() => parseSettings({ groupChats: { mediation: { platform: "feishu", chatId: "ou_someone" } } })).toThrow(/groupChats\.mediation\.chatId: a Feishu chatId .*oc_/);
    expect(() => parseSettings({ groupChats: { mediation: { platform: "dingtalk", chatId: " " } } })).toThrow(/groupChats\.mediation\.chatId/);
    expect(() => parseSettings({ escalationChat: { platform: "dingtalk" } })).toThrow(/escalationChat\.chatId/);
  });
});

describeEachEngine("reminders: opt-in group chats", (engine) => {
  let db: TestDatabase;
  let ctx: ReminderContext;
  let names: string[];
  beforeAll(async () => {
    db = await seededDatabase(engine);
    await reportSection(db, "political", "2021-11"); // complete: its group gets nothing
    names = (await db.prisma.user.findMany()).map((u) => u.name);
    ctx = {
      ...context(db),
      settings: parseSettings({
        groupChats: { mediation: { platform: "feishu", chatId: MEDIATION_GROUP }, political: { platform: "feishu", chatId: "oc_political_group" }, nosuch: { platform: "feishu", chatId: "oc_x" } },
        escalationChat: { platform: "dingtalk", chatId: ADMIN_GROUP },
      }),
    };
  });
  afterAll(async () => db?.dispose());

  /** A fresh process at `at` (Shanghai time) with the group-chat settings. */
  const instance = (at: string, c: ReminderContext = ctx) =>
    createReminderScheduler({ ctx: c, clock: fixedClock(`${at}+08:00`), log: silentLogger, cron: "* * * * *" });
  const chatRows = () => db.prisma.reminderDelivery.findMany({ where: { chatId: { not: null } }, orderBy: { id: "asc" } });

  it("without the setting, the plan holds people only (today's behaviour)", async () => {
    const plan = await planReminders(context(db), new Date("2021-12-01T09:00:00+08:00"));
    expect(plan.items.length).toBeGreaterThan(0);
    expect(plan.items.every((i) => i.recipient.userId !== null && i.recipient.role !== "group" && !i.address?.chat)).toBe(true);
    expect(plan.items.some((i) => i.key.includes(":chat:"))).toBe(false);
    expect(plan.warnings).toEqual([]);
  });

  it("3 days before: once to the mediation group and once to its head; nothing to the complete section's group", async () => {
    const plan = await planReminders(ctx, new Date("2021-12-01T09:00:00+08:00"));
    expect(plan.warnings).toEqual(["groupChats.nosuch：没有这个代码的科室，该群收不到提醒"]);
    const r = await instance("2021-12-01T09:00:00").tick();
    const groups = r.sent.filter((s) => s.recipient.role === "group");
    expect(groups.map((s) => s.key)).toEqual([`before-deadline:2021-11:chat:feishu:${MEDIATION_GROUP}:before-3`]);
    expect(groups[0]!.reason).toMatch(/^人民参与和促进法治科群（groupChats\.mediation）；2021-11 期报送截止 2021-12-06（截止前 3 个工作日）/);
    expect(r.sent.filter((s) => s.recipient.name === "王建国").map((s) => s.stage)).toEqual(["before-3"]);
    expect(r.sent.some((s) => s.recipient.name === "刘建华" || s.key.includes("oc_political_group"))).toBe(false);

    const row = await db.prisma.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: groups[0]!.key } });
    expect(row.platform).toBe("feishu");
    expect(row.target).toEqual({ receive_id_type: "chat_id", receive_id: MEDIATION_GROUP });
    const card = (row.payload as { card: { lines: string[]; footer: string } }).card;
    expect(card.lines[1]).toBe("人民参与和促进法治科以下 3 项指标还没有数据：");
    expect(card.lines).toHaveLength(5);
    // the example names two of the section's own missing indicators (X for the figure)
    expect(card.footer).toMatch(/^直接回复，例如：[^，]+，[^，]+（X 换成实际数字）$/);
    for (const n of names) expect(JSON.stringify(card)).not.toContain(n);
    expect(await chatRows()).toMatchObject([{ userId: null, chatPlatform: "feishu", chatId: MEDIATION_GROUP, stage: "before-3", outboxId: row.id }]);
  });

  it("a second tick and a restart post nothing more", async () => {
    expect((await instance("2021-12-01T09:00:00").tick()).sent).toEqual([]);
    expect((await instance("2021-12-03T15:00:00").tick()).sent).toEqual([]);
    expect(await chatRows()).toHaveLength(1);
  });

  it("deadline day: the head's mute does not silence the group; quiet hours hold the group like anyone", async () => {
    await reportSection(db, "mediation", "2021-11", 2);
    await muteCurrentPeriod(db, await userId(db, "王建国"), new Date("2021-12-02T15:00:00+08:00"), { calendar });
    const late = await planReminders(ctx, new Date("2021-12-06T20:30:00+08:00"));
    expect(late.items.find((i) => i.address?.externalId === MEDIATION_GROUP)?.status).toBe("quiet");
    const r = await instance("2021-12-06T09:00:00").tick();
    const mediation = r.sent.filter((s) => s.key.includes(MEDIATION_GROUP) || s.recipient.name === "王建国");
    expect(mediation.map((s) => [s.recipient.name, s.stage, s.indicators.length])).toEqual([["人民参与和促进法治科群", "deadline", 1]]);
    expect((await instance("2021-12-06T11:00:00").tick()).sent).toEqual([]);
  });

  it("the escalation goes to the administrator and to escalationChat, with per-section counts", async () => {
    const r = await instance("2021-12-07T09:00:00").tick();
    expect(r.sent.map((s) => [s.recipient.name, s.stage])).toEqual([
      ["张伟", "after-1"],
      ["管理员群", "after-1"],
    ]);
    const row = await db.prisma.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: `escalation:2021-11:chat:dingtalk:${ADMIN_GROUP}:after-1` } });
    expect(row.platform).toBe("dingtalk");
    expect(row.target).toEqual({ openConversationId: ADMIN_GROUP });
    const lines = (row.payload as { card: { lines: string[] } }).card.lines;
    expect(lines).toContain("• 人民参与和促进法治科：1 项");
    expect(lines.at(-1)).toMatch(/^合计 \d+ 项。$/);
    for (const n of names) expect(lines.join("\n")).not.toContain(n);
    expect((await instance("2021-12-08T09:00:00").tick()).sent).toEqual([]);
    expect((await chatRows()).map((d) => [d.chatPlatform, d.stage])).toEqual([
      ["feishu", "before-3"],
      ["feishu", "deadline"],
      ["dingtalk", "after-1"],
    ]);
  });

  it("without the setting, a whole cycle's reminders go to people only", async () => {
    const before = (await chatRows()).length;
    const plain = context(db);
    let sent = 0;
    for (const at of ["2021-12-30T09:00:00", "2022-01-05T09:00:00", "2022-01-06T09:00:00"]) {
      const r = await instance(at, plain).tick();
      sent += r.sent.length;
      expect(r.sent.every((s) => s.recipient.userId !== null && !s.address?.chat)).toBe(true);
    }
    expect(sent).toBeGreaterThan(0);
    expect(await chatRows()).toHaveLength(before);
  });
});
