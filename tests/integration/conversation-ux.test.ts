// What a month-end walk-through by staff, heads and the administrator showed: replies that were
// correct but confusing (a quarter's pace measured from 1 January, an example naming another
// section's indicator, "下个月照常提醒" about the month being muted, a withdrawal "保存"d, the
// administrator's 各科室进度 showing only the office). Each story as the user tells it.
import { beforeAll, it } from "vitest";
import { describeEachEngine } from "../helpers/engines.js";
import { useSeededBot } from "../helpers/bot-fixture.js";
import { talk } from "../helpers/conversation.js";
import { dateColumn } from "../../src/domain/shanghai-time.js";
import { monthPeriod } from "../../src/domain/reporting-period.js";

describeEachEngine("conversation: month-end walk-through", (engine) => {
  const f = useSeededBot(engine);

  beforeAll(async () => {
    // 培训人次 (≥5000人): 400人次 a month for July–September, then October written as 人.
    const indicatorId = await f.indicatorId("培训人次");
    for (const [m, unit] of [[7, "人次"], [8, "人次"], [9, "人次"], [10, "人"]] as const) {
      const p = monthPeriod(2021, m);
      await f.db.prisma.progressReport.create({
        data: { indicatorId, periodStart: dateColumn(p.start), periodEnd: dateColumn(p.end), value: unit === "人" ? 350 : 400, unit, reportedById: f.id("何晶晶") },
      });
    }
  });

  it("a quarter's count is measured against the quarter's share of the year, not the time since 1 January", async () => {
    // 1200 of 5000 = 24% in a quarter that is 25.2% of the year: on course, not 落后 against 74.8%.
    await talk(f.bot, f.id("何晶晶"))
      .send("三季度培训人次进度")
      .expect("2021年第三季度累计：1200人次", "7月1日至9月30日占全年时间 25.2%，完成全年目标 24%，正常")
      .expectNot("74.8%", "落后");
  });

  it("a total over months written in 人次 and 人 is said in the unit most of them used", async () => {
    await talk(f.bot, f.id("何晶晶"))
      .send("培训人次进度")
      .expect("2021年累计：1550人次", "2021年10月：350人")
      .expectNot("1550人，", "（培训人次 ≥ 5000 人）");
  });

  it("还有谁没报: the example names the head's own first missing indicator and period", async () => {
    await talk(f.bot, f.id("林海燕"))
      .send("还有谁没报")
      .expect("待报送指标", "报送示例：“2021年10月新媒体平台建设2篇”")
      .send("2021年10月新媒体平台建设2篇")
      .expect("请确认报送", "2021年10月", "2篇")
      .send("取消");
    await talk(f.bot, f.id("吴振东")).send("还有谁没报").expect("报送示例：“立法的科学性已完成”或“立法的科学性推进中”").expectNot("普法动态");
  });

  it("the administrator's 各科室进度 counts every section (no names); 我们科 stays their own office", async () => {
    await talk(f.bot, f.id("张伟"))
      .send("各科室进度")
      .expect("各科室完成进度", "⚠️ 行政执法协调监督科：共 4 项", "⚠️ 普法与依法治理科：共 7 项", "普法科进度怎么样")
      .expectNot("何晶晶", "孙丽")
      .send("我们科的进度")
      .expect("办公室完成进度")
      .send("普法科进度怎么样")
      .expect("普法与依法治理科完成进度", "新媒体平台建设");
  });

  it("这个月别提醒了 in mid-November: November's data muted, December's named as the next reminded", async () => {
    await talk(f.bot, f.id("林海燕"))
      .send("这个月别提醒了")
      .expect("2021年11月的数据（12月6日截止）不再提醒您", "2021年12月的数据照常提醒")
      .expectNot("下个月照常提醒");
  });

  it("a withdrawal is confirmed as 撤回, and cancelling it keeps the report", async () => {
    await talk(f.bot, f.id("李娜"))
      .send("本月调解成功率99.2%")
      .send("确认")
      .expect("已记录")
      .send("撤回")
      .expect("请确认撤回", "回复“确认”撤回，回复“取消”保留原记录")
      .expectNot("回复“确认”保存")
      .send("取消")
      .expect("已取消撤回，原报送保留不变")
      .send("调解成功率进度")
      .expect("最新值：99.2%");
  });

  it("a future month is refused with the day reporting opens", async () => {
    await talk(f.bot, f.id("罗晨")).send("下个月普法动态8篇").expect("2021年12月尚未开始，不能提前报送，请于12月1日起再报").expectNot("请确认");
  });

  it("a target with XX in the published table reads as 待定 in plain words, not as a parser note", async () => {
    await talk(f.bot, f.id("韩金山"))
      .send("提升办案人员队伍建设的目标")
      .expect("计划举办XX场次", "口径：定性：指标值待定（目标表未填具体数值）")
      .expectNot("占位符");
  });

  it("a correction names the earlier figure and that it is kept in one bracket", async () => {
    await talk(f.bot, f.id("梁雪"))
      .send("10月日报宣传栏2期")
      .send("确认")
      .expect("已记录")
      .send("改成3期")
      .expect("请确认更正", "原报送：2期（梁雪报送，原记录保留备查）")
      .expectNot("）（")
      .send("取消");
  });
});
