// December 2021 on the real table and org chart, ticking four times a day: sections report along
// the way, one head mutes, one staff member has a personal reminder. The exact reminders and
// escalations that go out — and that a head whose section reported everything gets nothing.
import { afterAll, beforeAll, expect, it } from "vitest";
import { fromShanghai } from "../../src/domain/shanghai-time.js";
import { addPersonalReminder, muteCurrentPeriod } from "../../src/reminders/preferences.js";
import { describeEachEngine } from "../helpers/engines.js";
import { calendar, context, lines, reportSection, simulate, userId, type Sent } from "../helpers/reminders.js";
import { seededDatabase } from "../helpers/seeded.js";
import type { TestDatabase } from "../helpers/engines.js";

describeEachEngine("reminders: December 2021 day by day", (engine) => {
  let db: TestDatabase;
  let sent: Sent[];

  beforeAll(async () => {
    db = await seededDatabase(engine);
    const ctx = context(db);
    await reportSection(db, "political", "2021-11"); // 刘建华's section is complete before December
    await addPersonalReminder(db, await userId(db, "李娜"), 3); // mediation staff: "提醒我每月3号报"
    sent = await simulate(ctx, { from: "2021-12-01", to: "2021-12-31" }, [7, 9, 13, 21], async (date) => {
      if (date === "2021-12-02") {
        await reportSection(db, "publicity", "2021-11"); // all 4
        await reportSection(db, "mediation", "2021-11", 2); // 2 of 3
        await muteCurrentPeriod(db, await userId(db, "曹德明"), fromShanghai(2021, 12, 2, 15), { calendar }); // "这个月别提醒了"
      }
      if (date === "2021-12-06") await reportSection(db, "legislation", "2021-11");
      if (date === "2021-12-29") await reportSection(db, "finance", "2021-12"); // December reported early
    });
  });
  afterAll(async () => db?.dispose());

  it("queued each reminder once in the outbox, keyed by its delivery key, to the Feishu open_id", async () => {
    const deliveries = await db.prisma.reminderDelivery.findMany({ orderBy: { id: "asc" } });
    const outbox = await db.prisma.outboundMessage.findMany({ orderBy: { id: "asc" } });
    expect(deliveries).toHaveLength(sent.length);
    expect(outbox.map((o) => o.idempotencyKey)).toEqual(deliveries.map((d) => d.key));
    expect(deliveries.every((d) => d.outboxId !== null)).toBe(true);
    const head = outbox.find((o) => o.idempotencyKey.startsWith("deadline-day:2021-11:") && JSON.stringify(o.target).includes("ou_demo_mediation_head"));
    expect(head?.target).toEqual({ receive_id_type: "open_id", receive_id: "ou_demo_mediation_head" });
    const card = (head?.payload as { card: { lines: string[]; footer: string; buttons?: { label: string }[] } }).card;
    expect(card.lines[0]).toBe("**今天（12月6日（周一））截止报送**");
    expect(card.lines).toHaveLength(3); // deadline line, count line, the one missing indicator
    // the example names the head's own missing indicator; Feishu gets the 填报 button (issue 12 item 3)
    expect(card.footer).toMatch(/^直接回复，例如：[^，]+（X 换成实际数字）$|^直接回复，例如：[^，]+已完成$/);
    expect(card.buttons?.map((b) => b.label)).toEqual(["填报"]);
  });

  it("escalates with per-section counts in section order, naming no people", async () => {
    const row = await db.prisma.outboundMessage.findFirstOrThrow({ where: { idempotencyKey: { startsWith: "escalation:2021-11:" } } });
    const card = (row.payload as { card: { lines: string[] } }).card;
    // Every section that still owes its latest due period on 12-07 (src/domain/missing.ts): November
    // for monthly indicators, the third quarter for 定性 ones not yet reported.
    expect(card.lines.slice(1)).toEqual([
      "• 办公室：1 项",
      "• 法治督察科（依法治市办秘书科）：2 项",
      "• 行政复议与应诉科：2 项",
      "• 行政执法协调监督科：4 项",
      "• 人民参与和促进法治科：1 项",
      "• 社区矫正管理局：3 项",
      "• 公共法律服务管理科：9 项",
      "• 法律援助中心：3 项",
      "• 律师工作科：3 项",
      "• 法律职业资格管理科：1 项",
      "• 计划财务装备科：1 项",
      "合计 30 项。",
    ]);
  });

  it("sends exactly the expected reminders and one escalation", () => {
    expect(lines(sent)).toEqual(
      [
        // 3 working days before 6 Dec (the 5th is a Sunday): every head whose section still owes its
        // latest due period (src/domain/missing.ts: November, or the third quarter for 定性 indicators).
        ...[["于秀英", 3], ["吴振东", 6], ["周志刚", 1], ["彭立军", 1], ["曹德明", 3], ["朱红梅", 2], ["杨国庆", 2], ["林海燕", 7], ["潘玉兰", 1], ["王建国", 3], ["郑立新", 3], ["郭永强", 4], ["韩金山", 9]].map(
          ([n, c]) => `12-01 09:00 before-deadline/before-3 ${n} ${c}`,
        ),
        // The personal reminder lists what is still missing on the 3rd.
        "12-03 09:00 personal/day-3 李娜 1",
        // Deadline morning: publicity reported, 曹德明 muted, mediation down to 1.
        ...[["于秀英", 3], ["吴振东", 6], ["周志刚", 1], ["彭立军", 1], ["朱红梅", 2], ["杨国庆", 2], ["潘玉兰", 1], ["王建国", 1], ["郑立新", 3], ["郭永强", 4], ["韩金山", 9]].map(
          ([n, c]) => `12-06 09:00 deadline-day/deadline ${n} ${c}`,
        ),
        // The working day after: the administrator, counts per section (legislation reported on the 6th).
        "12-07 09:00 escalation/after-1 张伟 30",
        // December + Q4 + 2021 are due 5 Jan 2022; 3 working days before is 30 Dec (元旦 in between).
        ...[["周志刚", 1], ["刘建华", 5], ["杨国庆", 2], ["吴振东", 6], ["朱红梅", 2], ["郭永强", 4], ["林海燕", 7], ["王建国", 3], ["郑立新", 3], ["韩金山", 9], ["于秀英", 3], ["曹德明", 3], ["彭立军", 1]].map(
          ([n, c]) => `12-30 09:00 before-deadline/before-3 ${n} ${c}`,
        ),
        // 潘玉兰 (finance) reported December on the 29th: nothing.
      ]
        .sort(),
    );
  });
});
