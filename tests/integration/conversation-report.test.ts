// Reporting by chat on the real 2021 table: confirm, cancel, expiry, replace, 已记录过, correct,
// undo, and card buttons with tokens — on PGlite and PostgreSQL, through the real parser.
import { expect, it } from "vitest";
import { describeEachEngine } from "../helpers/engines.js";
import { useSeededBot } from "../helpers/bot-fixture.js";
import { buttonsOf, message, talk } from "../helpers/conversation.js";

describeEachEngine("conversation: reporting", (engine) => {
  const f = useSeededBot(engine);
  const reportsOf = async (name: string) =>
    f.db.prisma.progressReport.findMany({ where: { indicator: { name } }, orderBy: { id: "asc" } });

  it("stores a report only after 确认", async () => {
    await talk(f.bot, f.id("李娜"))
      .send("本月调解成功率99.2%")
      .expect(/请确认报送/, "调解成功率", "2021年11月", "99.2%", "回复“确认”")
      .do(async () => expect(await reportsOf("调解成功率")).toHaveLength(0))
      .send("确认")
      .expect(/已记录/, "99.2%");
    const rows = await reportsOf("调解成功率");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ value: 99.2, unit: "%", withdrawn: false, supersedesId: null, reportedById: f.id("李娜") });
    expect(rows[0]!.createdAt).toEqual(f.clock.now()); // stamped by the business clock, not the server's
  });

  it("answers 已记录过 to the same report again, and stores nothing", async () => {
    await talk(f.bot, f.id("李娜")).send("本月调解成功率99.2%").expect(/已记录过/, "李娜于11月15日报送").send("确认").expect(/没有待确认/);
    expect(await reportsOf("调解成功率")).toHaveLength(1);
  });

  it("asks whether a second report for the period replaces the first; the first is kept", async () => {
    await talk(f.bot, f.id("王建国"))
      .send("本月调解成功率为98.9%")
      .expect(/是否以新数据替换/, "原报送：99.2%（李娜报送，原记录保留备查）", "98.9%")
      .send("是")
      .expect(/已记录/);
    const rows = await reportsOf("调解成功率");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ value: 98.9, supersedesId: rows[0]!.id });
  });

  it("corrects the last report with 改成…, as a new superseding row after confirmation", async () => {
    await talk(f.bot, f.id("罗晨"))
      .send("十月份普法动态发了12篇")
      .expect(/请确认报送/, "2021年10月", "12篇")
      .send("确认")
      .expect(/已记录/)
      .send("改成15篇")
      .expect(/请确认更正/, "15篇", "原报送：12篇")
      .send("确认")
      .expect(/已记录/, /累计 15篇/);
    const rows = await reportsOf("新媒体平台建设");
    expect(rows.map((r) => [r.value, r.supersedesId])).toEqual([[12, null], [15, rows[0]!.id]]);
  });

  it("改成 while a report waits for 确认 changes the pending figure", async () => {
    await talk(f.bot, f.id("梁雪"))
      .send("上月日报宣传栏2期")
      .expect("2期")
      .send("改成3期")
      .expect(/请确认报送/, "3期")
      .send("确认")
      .expect(/已记录/);
    expect((await reportsOf("日报宣传栏")).map((r) => r.value)).toEqual([3]);
  });

  it("撤回 withdraws the last report after confirmation (a withdrawn row superseding it)", async () => {
    await talk(f.bot, f.id("梁雪")).send("撤回").expect(/请确认撤回/, "3期").send("确认").expect(/已撤回/);
    const rows = await reportsOf("日报宣传栏");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ withdrawn: true, supersedesId: rows[0]!.id });
    await talk(f.bot, f.id("梁雪")).send("日报宣传栏进度").expect(/暂无报送/);
  });

  it("取消 drops the pending report", async () => {
    await talk(f.bot, f.id("罗晨")).send("本月各类普法教材购买200本").expect(/请确认/).send("取消").expect(/已取消/).send("确认").expect(/没有待确认/);
    expect(await reportsOf("各类普法教材购买")).toHaveLength(0);
  });

  it("a pending confirmation expires after 30 minutes", async () => {
    await talk(f.bot, f.id("罗晨"))
      .send("本月各类普法教材购买200本")
      .expect(/请确认/)
      .do(() => f.clock.advance(31 * 60_000))
      .send("确认")
      .expect(/没有待确认/, /30分钟/)
      .do(() => f.clock.set("2021-11-15T10:00:00+08:00"));
    expect(await reportsOf("各类普法教材购买")).toHaveLength(0);
  });

  it("a new report replaces the one pending: 确认 stores only the newer", async () => {
    await talk(f.bot, f.id("罗晨")).send("本月各类普法教材购买200本").send("本月各类普法教材购买300本").send("确认").expect(/已记录/, "300本");
    expect((await reportsOf("各类普法教材购买")).map((r) => r.value)).toEqual([300]);
  });

  it("confirms with the card button; a settled card's button says what happened and stores nothing", async () => {
    const user = { externalUserId: String(f.id("徐丹")) };
    const a = await f.bot.handle(message(user, "本月规范性文件清理工作推进中"));
    const stale = buttonsOf(a).find((b) => b.label === "确认")!;
    const b = await f.bot.handle(message(user, "规范性文件清理已完成"));
    const fresh = buttonsOf(b).find((x) => x.label === "确认")!;
    expect(stale.value.token).not.toEqual(fresh.value.token);

    const refused = await f.bot.handleAction({ platform: "local", externalUserId: user.externalUserId, value: stale.value });
    expect(refused.toast).toBe("已于 10:00 被新的报送替换，未保存"); // says what happened, stores nothing
    expect(await reportsOf("开展规范性文件清理工作")).toHaveLength(0);

    const ok = await f.bot.handleAction({ platform: "local", externalUserId: user.externalUserId, value: fresh.value });
    expect(ok.toast).toBe("已记录");
    expect(ok.card?.title).toMatch(/已记录/);
    expect(ok.card?.buttons ?? []).toHaveLength(0);
    expect((await reportsOf("开展规范性文件清理工作")).map((r) => r.status)).toEqual(["done"]);

    const again = await f.bot.handleAction({ platform: "local", externalUserId: user.externalUserId, value: fresh.value });
    expect(again.toast).toBe("已于 10:00 确认保存"); // not "请重新发送": it was saved
  });

  it("cancels with the card button", async () => {
    const user = { externalUserId: String(f.id("吴振东")) };
    const replies = await f.bot.handle(message(user, "本月立法的科学性推进中"));
    const cancel = buttonsOf(replies).find((b) => b.label === "取消")!;
    const res = await f.bot.handleAction({ platform: "local", externalUserId: user.externalUserId, value: cancel.value });
    expect(res.toast).toBe("已取消");
    expect(await reportsOf("立法的科学性")).toHaveLength(0);
  });
});
