// Issue 12, item 6: the words staff use — English (target, KPI, list, check), 汇报 to a leader (a
// question, not a report), units written another way (条 for 篇, 个 for 场/人), 补报/漏报 + a figure
// (a late report). Real parser, 2021 table, both engines.
import { it } from "vitest";
import { describeEachEngine } from "../helpers/engines.js";
import { useSeededBot } from "../helpers/bot-fixture.js";
import { talk } from "../helpers/conversation.js";

describeEachEngine("conversation: the words staff use", (engine) => {
  const f = useSeededBot(engine);

  it("明天要给局长汇报，…的完成时限 is a question, not a report", async () => {
    await talk(f.bot, f.id("罗晨")).send("明天要给局长汇报，麻烦查下七五普法验收的完成时限").expect("七五普法验收").expectNot(/请确认/);
  });

  it("English words: target, KPI", async () => {
    await talk(f.bot, f.id("李娜")).send("调解成功率今年target多少").expect("98%").expectNot(/请确认/);
    await talk(f.bot, f.id("罗晨")).send("我负责哪几个KPI").expect("新媒体平台建设").expectNot(/请确认/);
  });

  it("units written another way are read in the indicator's unit", async () => {
    await talk(f.bot, f.id("罗晨")).send("嗯那个普法动态本月报了十二条哈").expect(/请确认报送/, "12篇", "2021年11月").send("取消");
  });

  it("漏报了 + a figure is a late report for the period it names", async () => {
    await talk(f.bot, f.id("梁雪")).send("漏报了，九月日报普法专栏发了3期").expect(/请确认报送/, "2021年9月", "3期").send("取消");
  });
});
