// 偏差原因 (issue 13 item 3) after a several-item confirmation in the August round: asked once per
// indicator left yellow/red, one after the other; skippable; answered by typing (DingTalk/text) or
// by the card's buttons (Feishu); stored once per indicator and round, append-only; never asked twice.
import { expect, it } from "vitest";
import { describeEachEngine } from "../helpers/engines.js";
import { useSeededBot } from "../helpers/bot-fixture.js";
import { buttonsOf, message, talk } from "../helpers/conversation.js";
import { renderAll } from "../../src/conversation/replies/render-text.js";
import type { Reply } from "../../src/conversation/types.js";

describeEachEngine("conversation: 偏差原因 after a several-item report", (engine) => {
  const f = useSeededBot(engine);

  it("one card, 确认, then a question per yellow/red line: skip one, answer the other by buttons", async () => {
    f.clock.set(new Date("2021-08-10T10:00:00+08:00"));
    const head = String(f.id("王建国"));
    const mediationRate = await f.indicatorId("调解成功率");
    const programme = await f.indicatorId("持续提升人民调解影响力");
    // 调解成功率 90% < 98%: 0.92 of the target → yellow (a rate not met is at best yellow);
    // 百姓调解 10期 through July: 10 / (156·7/12 = 91) = 0.11 → red.
    await talk(f.bot, Number(head)).send("7月：调解成功率90%，百姓调解10期").expect("请确认报送（2项）")
      .send("确认").expect("已记录2项", "请说明偏差原因：调解成功率", "黄灯", "1. 经费保障", "（之后还有1项指标，每项只问一次）");
    expect(await f.db.prisma.deviationQuestion.count()).toBe(2); // both asked now, once

    // Something else in between goes to the normal intents; the question stays open.
    await talk(f.bot, Number(head)).send("调解成功率的目标是多少").expect("98%").expectNot("偏差原因");
    let replies: Reply[] = await f.bot.handle(message({ externalUserId: head }, "跳过"));
    expect(renderAll(replies)).toContain("本轮不再询问「调解成功率」");
    expect(renderAll(replies)).toContain("请说明偏差原因：持续提升人民调解影响力");

    // Feishu: the buttons. 硬件条件保障 → the likelihood card; 完全不可能 → the expected value.
    const press = async (label: string) => {
      const b = buttonsOf(replies).find((x) => x.label === label);
      expect(b, `button ${label} in ${renderAll(replies)}`).toBeDefined();
      const r = await f.bot.handleAction({ platform: "local", externalUserId: head, value: b!.value });
      expect(r.toast).toBe("已记录");
      expect(r.card?.lines).toEqual([`已选择：${label}`]);
      replies = r.replies ?? [];
      return b!;
    };
    const cause = await press("硬件条件保障");
    expect(renderAll(replies)).toContain("完成目标可能性");
    // the cause card's button again (stale token): nothing changes
    const stale = await f.bot.handleAction({ platform: "local", externalUserId: head, value: cause.value });
    expect(stale.toast).not.toBe("已记录");
    // A sentence after a cause chosen by button is its explanation; the likelihood card comes again.
    replies = await f.bot.handle(message({ externalUserId: head }, "演播室设备老化"));
    expect(renderAll(replies)).toContain("硬件条件保障（演播室设备老化）");
    await press("完全不可能");
    expect(renderAll(replies)).toContain("全年预计完成值");
    // A figure typed (every channel): the answer is complete and written once.
    await talk(f.bot, Number(head)).send("120期").expect("已记录「持续提升人民调解影响力」的偏差原因和全年预计完成值");

    const reasons = await f.db.prisma.deviationReason.findMany({ orderBy: { id: "asc" } });
    expect(reasons.map((r) => [r.indicatorId, r.roundKey, r.skipped, r.cause, r.text, r.likelihood, r.expectedValue])).toEqual([
      [mediationRate, "2021-07", true, null, null, null, null],
      [programme, "2021-07", false, "硬件条件保障", "演播室设备老化", "完全不可能", 120],
    ]);

    // A correction in the same round: never asked again, for either indicator.
    await talk(f.bot, Number(head)).send("7月：调解成功率91%，百姓调解11期").expect("请确认报送（2项）").send("确认")
      .expect("已记录2项").expectNot("偏差原因");
    expect(await f.db.prisma.deviationReason.count()).toBe(2);
    expect(await f.db.prisma.deviationQuestion.count()).toBe(2);
  });

  it("outside a monitoring round nothing is asked", async () => {
    f.clock.set(new Date("2021-09-10T10:00:00+08:00"));
    await talk(f.bot, f.id("李娜")).send("8月百姓调解3期").expect(/确认/).send("确认").expect("已记录").expectNot("偏差原因");
  });
});
