// Issue 13 item 1 by chat: the finance section reports a budget figure, confirms it like any report,
// and it is stored append-only through src/budget (万元, Decimal); others are refused and nothing
// changes; an unknown project is answered with the table's projects. Clock: 2021-11-15.
import { expect, it } from "vitest";
import { describeEachEngine } from "../helpers/engines.js";
import { useSeededBot } from "../helpers/bot-fixture.js";
import { buttonsOf, message, talk } from "../helpers/conversation.js";
import { currentFigures } from "../../src/budget/store.js";
import { renderAll } from "../../src/conversation/replies/render-text.js";

describeEachEngine("conversation: budget figures by chat", (engine) => {
  const f = useSeededBot(engine);
  const entries = () => f.db.prisma.budgetEntry.findMany({ orderBy: { id: "asc" }, include: { project: true } });

  it("the finance section reports 累计支出; 确认 stores one row in 万元; a correction is a new row", async () => {
    await talk(f.bot, f.id("杜强")).send("办案业务及装备经费年初预算460万元").expect("年初预算", "460.00 万元").send("确认").expect("已记录");
    await talk(f.bot, f.id("杜强")).send("10月办案业务及装备经费累计支出386.2万元")
      .expect("请确认预算数据", "办案业务及装备经费", "2021年1-10月", "386.20 万元");
    expect(await entries()).toHaveLength(1); // the 年初预算 only: nothing before 确认
    await talk(f.bot, f.id("杜强")).send("确认").expect("已记录", "386.20 万元", /执行率 .+时间进度 83\.3%/);
    const rows = (await entries()).filter((r) => r.kind === "spent");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "spent", month: 10, source: "chat", enteredById: f.id("杜强"), rawText: "10月办案业务及装备经费累计支出386.2万元" });
    expect(rows[0]!.amount.toFixed(2)).toBe("386.20");
    expect(rows[0]!.project.name).toBe("办案业务及装备经费");
    // the same figure again: nothing to store
    await talk(f.bot, f.id("杜强")).send("10月办案业务及装备经费累计支出386.2万元").expect("已记录过", "无需重复报送");
    // a different figure for the same month: a replacement card, then a second row (the first stays)
    await talk(f.bot, f.id("杜强")).send("十月份办案业务及装备经费累计支出3862500元").expect("请确认替换预算数据", "386.25 万元", "原记录", "386.20 万元")
      .send("确认").expect("已记录");
    const after = (await entries()).filter((r) => r.kind === "spent");
    expect(after.map((r) => r.amount.toFixed(2))).toEqual(["386.20", "386.25"]);
    const table = await f.db.prisma.goalTable.findFirstOrThrow({ where: { year: 2021 } });
    const fig = (await currentFigures(f.db.prisma, table.id)).find((p) => p.name === "办案业务及装备经费")!;
    expect(fig.spent.get(10)).toBe(38625);
  });

  it("年初预算 and 调整后预算 by chat; 取消 stores nothing; the card's buttons confirm", async () => {
    const before = (await entries()).length;
    await talk(f.bot, f.id("张伟")).send("仲裁经费年初预算25万元").expect("请确认预算数据", "年初预算", "25.00 万元").send("取消").expect("未保存");
    expect(await entries()).toHaveLength(before);
    const replies = await f.bot.handle(message({ externalUserId: String(f.id("张伟")) }, "仲裁经费调整后预算30万元"));
    expect(renderAll(replies)).toContain("调整后预算");
    const confirm = buttonsOf(replies).find((b) => b.label === "确认")!;
    const result = await f.bot.handleAction({ platform: "local", externalUserId: String(f.id("张伟")), value: confirm.value });
    expect(result.toast).toBe("已记录");
    const rows = await entries();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ kind: "adjusted", month: null });
    expect(rows.at(-1)!.amount.toFixed(2)).toBe("30.00");
  });

  it("a staff member outside the finance section is refused in Chinese and nothing changes", async () => {
    const before = (await entries()).length;
    await talk(f.bot, f.id("李娜")).send("10月法援经费累计支出50万元").expect("由计划财务装备科或管理员报送", "本次未记录").expectNot("请确认");
    await talk(f.bot, f.id("李娜")).send("确认").expectNot("已记录");
    expect(await entries()).toHaveLength(before);
  });

  it("an unknown project is answered with the list of the table's projects", async () => {
    await talk(f.bot, f.id("杜强")).send("10月公务接待费累计支出12万元")
      .expect("没有找到这个预算项目", "1. 基本支出", "办案业务及装备经费", "仲裁经费", "本次未记录").expectNot("请确认");
  });

  it("bad input: a future month, too many decimals, two amounts — a reason, nothing stored", async () => {
    const before = (await entries()).length;
    await talk(f.bot, f.id("杜强")).send("12月法援经费累计支出50万元").expect("12月还没有到");
    await talk(f.bot, f.id("杜强")).send("10月法援经费累计支出50.123万元").expect("最多两位小数");
    await talk(f.bot, f.id("杜强")).send("10月法援经费累计支出50万元，仲裁经费累计支出20万元").expect("只报一个金额");
    expect(await entries()).toHaveLength(before);
  });

  it("a cumulative figure smaller than an earlier month's is flagged on the card", async () => {
    await talk(f.bot, f.id("杜强")).send("9月法援经费累计支出60万元").expect("请确认").send("确认").expect("已记录");
    await talk(f.bot, f.id("杜强")).send("10月法援经费累计支出50万元").expect("比9月的累计支出", "60.00 万元").send("取消");
  });
});
