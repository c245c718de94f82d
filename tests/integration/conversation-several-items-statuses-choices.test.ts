// A second month-end walk-through (clock 2021-11-15): the coming month named without a year, several
// figures in one message, 定性 statuses said in other words (已经通过了, 还没完成), a weak third
// candidate in a numbered choice, and a target quoted in a progress question. Each as the user tells it.
import { expect, it } from "vitest";
import { describeEachEngine } from "../helpers/engines.js";
import { useSeededBot } from "../helpers/bot-fixture.js";
import { talk } from "../helpers/conversation.js";

describeEachEngine("conversation: month-end walk-through 2", (engine) => {
  const f = useSeededBot(engine);
  const reportsOf = async (name: string) =>
    f.db.prisma.progressReport.findMany({ where: { indicator: { name } }, orderBy: { id: "asc" } });

  it("12月 in November is the coming December: refused with when to report, not as outside the table", async () => {
    await talk(f.bot, f.id("罗晨"))
      .send("12月普法动态8篇")
      .expect("2021年12月尚未开始，不能提前报送，请于12月1日起再报")
      .expectNot("2020年12月", "只能报送2021年内");
    expect(await reportsOf("新媒体平台建设")).toHaveLength(0);
  });

  it("two months in one message: one card with both lines, one 确认 stores both (issue 12 item 2)", async () => {
    await talk(f.bot, f.id("罗晨"))
      .send("普法动态十月份15篇，十一月份10篇")
      .expect("请确认报送（2项）", "1. 新媒体平台建设 2021年10月：15篇", "2. 新媒体平台建设 2021年11月：10篇")
      .expectNot("您的消息中还有")
      .send("确认")
      .expect("已记录2项");
    const rows = await reportsOf("新媒体平台建设");
    expect(rows.map((r) => [r.periodStart.toISOString().slice(0, 7), r.value]).sort()).toEqual([["2021-10", 15], ["2021-11", 10]]);
  });

  it("two indicators in one message: both on one card, the period said once applies to both; 取消 stores none", async () => {
    await talk(f.bot, f.id("李娜"))
      .send("本月调解成功率98%，骨干培训20人")
      .expect("请确认报送（2项）", "调解成功率 2021年11月：98%", "2021年11月：20人")
      .send("取消")
      .expect("已取消");
    expect(await reportsOf("调解成功率")).toHaveLength(0);
  });

  it("a refused item is listed with its reason beside the storable one", async () => {
    await talk(f.bot, f.id("罗晨"))
      .send("12月普法动态8篇，11月普法动态6篇")
      .expect("请确认报送（1项）", "1. 新媒体平台建设：不能报送——2021年12月尚未开始", "2. 新媒体平台建设 2021年11月：6篇")
      .send("取消");
  });

  it("a breakdown or a total beside the figure is no second item", async () => {
    await talk(f.bot, f.id("梁雪"))
      .send("上月日报专栏3期，其中2期是头版")
      .expect("请确认报送", "3期")
      .expectNot("您的消息中还有")
      .send("取消");
  });

  it("七五普法验收已经通过了 is a 定性 report (已完成); 通过了吗 asks", async () => {
    await talk(f.bot, f.id("林海燕"))
      .send("七五普法验收已经通过了")
      .expect("请确认报送", "开展七五普法验收", "已完成")
      .send("取消")
      .send("七五普法验收通过了吗")
      .expectNot("请确认报送");
  });

  it("基层法律服务考核还没完成 is a 定性 report (推进中); with 吗 it asks", async () => {
    await talk(f.bot, f.id("唐敏"))
      .send("基层法律服务考核还没完成")
      .expect("请确认报送", "完成基层法律服务年度考核工作", "推进中")
      .send("确认")
      .expect("已记录")
      .send("基层法律服务考核还没完成吗")
      .expectNot("请确认报送");
    const rows = await reportsOf("完成基层法律服务年度考核工作");
    expect(rows.map((r) => r.status)).toEqual(["in_progress"]);
  });

  it("培训进度 offers the two indicators named 培训, not the one only an alias ties to it", async () => {
    await talk(f.bot, f.id("蒋倩"))
      .send("培训进度")
      .expect("请问您指的是哪一个指标？", "1. 开办培训", "2. 培训人次")
      .expectNot("提升办案人员队伍建设", "3.")
      .send("2")
      .expect("培训人次");
  });

  it("a target quoted in a progress question is no report", async () => {
    await talk(f.bot, f.id("罗晨"))
      .send("普法动态不少于100篇，现在发了多少了")
      .expect("新媒体平台建设")
      .expectNot("请确认报送", "100篇（");
  });
});
