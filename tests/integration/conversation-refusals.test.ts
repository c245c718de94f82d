// What the bot refuses, and why: reporting another section's indicator, impossible values, units
// that do not fit, 定性 indicators given a number, future periods, cumulative periods for counts.
import { expect, it } from "vitest";
import { describeEachEngine } from "../helpers/engines.js";
import { useSeededBot } from "../helpers/bot-fixture.js";
import { talk } from "../helpers/conversation.js";

describeEachEngine("conversation: refusals", (engine) => {
  const f = useSeededBot(engine);
  const count = () => f.db.prisma.progressReport.count();

  it("staff report only for their own section, and are told who owns it", async () => {
    await talk(f.bot, f.id("李娜")).send("十月份普法动态发了12篇").expect("由普法与依法治理科负责").expectNot("请确认");
  });

  it("anyone may ask about another section's target", async () => {
    await talk(f.bot, f.id("李娜")).send("普法动态的目标").expect("普法动态大于100篇");
  });

  it("admins may report for any section", async () => {
    await talk(f.bot, f.id("张伟")).send("十月份普法动态发了12篇").expect("请确认报送").send("取消");
  });

  it("refuses a rate above 100%", async () => {
    await talk(f.bot, f.id("李娜")).send("本月调解成功率101%").expect("比率不能超过100%").send("确认").expect(/没有待确认/);
  });

  it("refuses a negative count", async () => {
    await talk(f.bot, f.id("罗晨")).send("本月普法动态-3篇").expect("不能为负数").send("本月普法动态负3篇").expect("不能为负数");
  });

  it("refuses a fraction of a counted thing", async () => {
    await talk(f.bot, f.id("罗晨")).send("本月普法动态2.5篇").expect("应为整数");
  });

  it("refuses a bare number for a 定性 indicator and asks for a status", async () => {
    await talk(f.bot, f.id("罗晨")).send("本月七五普法验收3").expect("定性指标", "已完成", "推进中");
  });

  it("refuses a unit that does not fit the indicator (篇 for a % target)", async () => {
    await talk(f.bot, f.id("李娜")).send("本月调解成功率12篇").expect("单位“篇”", "不符");
  });

  it("refuses a period that has not started", async () => {
    await talk(f.bot, f.id("李娜")).send("下个月调解成功率99%").expect("尚未开始");
  });

  it("refuses a cumulative period for a count (the bot adds months up itself)", async () => {
    await talk(f.bot, f.id("罗晨")).send("1-10月普法动态120篇").expect("请按月报送", "自动汇总");
  });

  it("stored nothing for any refusal", async () => {
    expect(await count()).toBe(0);
  });
});
