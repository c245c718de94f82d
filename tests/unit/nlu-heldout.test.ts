// Held-out messages (not in ../shared/nlu/dev.jsonl): other wordings, typos, Chinese numerals and
// other indicators of the 2021 table. Expected indicators are given as a distinctive part of the name.
import { describe, expect, it } from "vitest";
import { parseMessage } from "../../src/conversation/nlu/parse.js";
import type { Intent } from "../../src/conversation/nlu/types.js";
import { catalogDocs } from "../helpers/catalog-docs.js";

const ctx = { now: new Date("2021-11-15T10:00:00+08:00"), indicators: catalogDocs() };
const NOV = "2021-11-01..2021-11-30";
const OCT = "2021-10-01..2021-10-31";

interface Case {
  text: string;
  intent: Intent;
  indicator?: string | null;
  value?: number | null;
  unit?: string | null;
  period?: string | null;
  choice?: number;
  status?: "done" | "in_progress";
}

const cases: Case[] = [
  // targets
  { text: "调节成功率目标多少", intent: "query_target", indicator: "调解成功率" },
  { text: "培训人次年度指标是多少", intent: "query_target", indicator: "培训人次" },
  { text: "仲裁宣传稿件要发多少篇", intent: "query_target", indicator: "仲裁信息宣传" },
  { text: "法律顾问要聘请几名", intent: "query_target", indicator: "法律顾问工作" },
  { text: "七五普法验收的要求", intent: "query_target", indicator: "七五普法验收" },
  { text: "领导干部学法考试合格率的目标", intent: "query_target", indicator: "领导干部普法考试" },
  { text: "值班律师今年要完成多少人次", intent: "query_target", indicator: "律师参与涉法涉诉" },
  { text: "行政执法培训任务是多少", intent: "query_target", indicator: "培训人次" },
  { text: "日报普法专栏全年计划发几期", intent: "query_target", indicator: "日报宣传栏" },
  { text: "预算资金偏离率的指标值", intent: "query_target", indicator: "预算资金偏离率" },
  { text: "开办培训目标是几场", intent: "query_target", indicator: "开办培训" },
  { text: "普法教材买多少本算达标", intent: "query_target", indicator: "普法教材购买" },
  { text: "调解员骨干培训的目标", intent: "query_target", indicator: "一站式" },
  // progress questions
  { text: "调解成功率现在多少了", intent: "query_progress", indicator: "调解成功率" },
  { text: "普法动态今年发了多少篇了", intent: "query_progress", indicator: "新媒体平台建设", period: "2021-01-01..2021-12-31" },
  { text: "三季度值班律师完成情况", intent: "query_progress", indicator: "律师参与涉法涉诉", period: "2021-07-01..2021-09-30" },
  { text: "1-10月培训人次完成多少", intent: "query_progress", indicator: "培训人次", period: "2021-01-01..2021-10-31" },
  { text: "仲裁信息宣传进展如何", intent: "query_progress", indicator: "仲裁信息宣传" },
  { text: "截至目前日报专栏发了几期", intent: "query_progress", indicator: "日报宣传栏", period: "2021-01-01..2021-11-30" },
  { text: "本科室本月进度", intent: "query_progress", indicator: null, period: NOV },
  { text: "百姓调解节目播了多少期", intent: "query_progress", indicator: "人民调解影响力" },
  { text: "上个月普法教材买了多少", intent: "query_progress", indicator: "普法教材购买", period: OCT },
  { text: "法律顾问工作怎么样了", intent: "query_progress", indicator: "法律顾问工作" },
  { text: "Q3调解成功率", intent: "query_progress", indicator: "调解成功率", period: "2021-07-01..2021-09-30" },
  { text: "去年的培训人次", intent: "query_progress", indicator: "培训人次", period: "2020-01-01..2020-12-31" },
  { text: "下半年值班律师人次多少", intent: "query_progress", indicator: "律师参与涉法涉诉", period: "2021-07-01..2021-12-31" },
  // reports
  { text: "本月调节成功率百分之九十九点二", intent: "report_progress", indicator: "调解成功率", value: 99.2, unit: "%", period: NOV },
  { text: "十月份普法动态发了12篇", intent: "report_progress", indicator: "新媒体平台建设", value: 12, unit: "篇", period: OCT },
  { text: "值班律师本月八十五人次", intent: "report_progress", indicator: "律师参与涉法涉诉", value: 85, unit: "人次", period: NOV },
  { text: "培训人次10月份1200人次", intent: "report_progress", indicator: "培训人次", value: 1200, unit: "人次", period: OCT },
  { text: "执法培训本月1,500人次", intent: "report_progress", indicator: "培训人次", value: 1500, unit: "人次", period: NOV },
  { text: "日报宣传栏本月两期", intent: "report_progress", indicator: "日报宣传栏", value: 2, unit: "期", period: NOV },
  { text: "普法教材这个月买了三百本", intent: "report_progress", indicator: "普法教材购买", value: 300, unit: "本", period: NOV },
  { text: "仲裁信息宣传上月5篇", intent: "report_progress", indicator: "仲裁信息宣传", value: 5, unit: "篇", period: OCT },
  { text: "百姓调解九月制作十三期", intent: "report_progress", indicator: "人民调解影响力", value: 13, unit: "期", period: "2021-09-01..2021-09-30" },
  { text: "开办培训本月2场", intent: "report_progress", indicator: "开办培训", value: 2, unit: "场", period: NOV },
  { text: "调解成功率：98.5%", intent: "report_progress", indicator: "调解成功率", value: 98.5, unit: "%", period: NOV },
  { text: "报一下本月法律顾问办理案件20件", intent: "report_progress", indicator: "法律顾问工作", value: 20, unit: "件", period: NOV },
  { text: "上报普法动态 十一篇", intent: "report_progress", indicator: "新媒体平台建设", value: 11, unit: "篇", period: NOV },
  { text: "八月份普法考试合格率100%", intent: "report_progress", indicator: "领导干部普法考试", value: 100, unit: "%", period: "2021-08-01..2021-08-31" },
  { text: "七五普法验收已完成", intent: "report_progress", indicator: "七五普法验收", value: null, status: "done", period: NOV },
  { text: "行政复议体制改革正在推进", intent: "report_progress", indicator: "行政复议体制改革", status: "in_progress" },
  { text: "本月培训人次：一千二", intent: "report_progress", indicator: "培训人次", value: 1200, unit: "人次", period: NOV },
  { text: "第三季度值班律师二百四十人次", intent: "report_progress", indicator: "律师参与涉法涉诉", value: 240, unit: "人次", period: "2021-07-01..2021-09-30" },
  { text: "10月调解成功率99%", intent: "report_progress", indicator: "调解成功率", value: 99, unit: "%", period: OCT },
  { text: "值班律师 本月 90", intent: "report_progress", indicator: "律师参与涉法涉诉", value: 90, unit: "人次", period: NOV },
  { text: "普法动态十月份发布了15篇稿件", intent: "report_progress", indicator: "新媒体平台建设", value: 15, unit: "篇", period: OCT },
  { text: "这个月新媒体平台发布普法动态二十篇", intent: "report_progress", indicator: "新媒体平台建设", value: 20, unit: "篇", period: NOV },
  { text: "普发动态本月8篇", intent: "report_progress", indicator: "新媒体平台建设", value: 8, unit: "篇", period: NOV },
  // lists
  { text: "本科室有哪些指标", intent: "list_indicators", indicator: null },
  { text: "列出我们科的指标", intent: "list_indicators", indicator: null },
  { text: "我负责哪些指标", intent: "list_indicators", indicator: null },
  { text: "指标清单", intent: "list_indicators", indicator: null },
  // overdue
  { text: "哪些科室还没报", intent: "overdue", indicator: null },
  { text: "这个月谁还没有上报", intent: "overdue", indicator: null },
  { text: "漏报的有哪些", intent: "overdue", indicator: null },
  { text: "逾期未报名单", intent: "overdue", indicator: null },
  // help / unknown
  { text: "帮助", intent: "help" },
  { text: "你能做什么", intent: "help" },
  { text: "使用说明", intent: "help" },
  { text: "hi", intent: "help" },
  { text: "今天食堂吃什么", intent: "unknown", indicator: null },
  { text: "帮我订一张去北京的机票", intent: "unknown", indicator: null },
  { text: "周末加班吗", intent: "unknown", indicator: null },
  { text: "天气怎么样", intent: "unknown", indicator: null },
  // dialog moves
  { text: "确定", intent: "confirm" },
  { text: "好的！", intent: "confirm" },
  { text: "不用了", intent: "cancel" },
  { text: "算了吧", intent: "cancel" },
  { text: "选3", intent: "choose", choice: 3 },
  { text: "第一个", intent: "choose", choice: 1 },
  { text: "2", intent: "choose", choice: 2 },
  { text: "撤回刚才的上报", intent: "undo" },
  { text: "删除刚才那条", intent: "undo" },
  { text: "改成99%", intent: "correct", value: 99, unit: "%" },
  { text: "错了，应该是十五篇", intent: "correct", value: 15, unit: "篇" },
  { text: "更正为12篇", intent: "correct", value: 12, unit: "篇" },
  { text: "每月5号提醒我", intent: "remind_me", choice: 5 },
  { text: "提醒我每个月10号报数", intent: "remind_me", choice: 10 },
  { text: "这个月不用提醒了", intent: "mute_reminders" },
  { text: "别再催了", intent: "mute_reminders" },
  // second batch: typos (同音/形近), word order, qualitative reports, more dialog wordings
  { text: "调解成功律目标", intent: "query_target", indicator: "调解成功率" },
  { text: "掉解成功率本月98%", intent: "report_progress", indicator: "调解成功率", value: 98, unit: "%", period: NOV },
  { text: "普法东态本月9篇", intent: "report_progress", indicator: "新媒体平台建设", value: 9, unit: "篇", period: NOV },
  { text: "值斑律师本月70人次", intent: "report_progress", indicator: "律师参与涉法涉诉", value: 70, unit: "人次", period: NOV },
  { text: "普法教才买了多少", intent: "query_progress", indicator: "普法教材购买" },
  { text: "请问一下仲裁的信息宣传目标是多少篇？", intent: "query_target", indicator: "仲裁信息宣传" },
  { text: "十月份的值班律师人次是95", intent: "report_progress", indicator: "律师参与涉法涉诉", value: 95, unit: "人次", period: OCT },
  { text: "培训人次 十一月 1500", intent: "report_progress", indicator: "培训人次", value: 1500, unit: "人次", period: NOV },
  { text: "截至十月底值班律师累计多少人次", intent: "query_progress", indicator: "律师参与涉法涉诉", period: "2021-01-01..2021-10-31" },
  { text: "值班律师上半年累计多少人次", intent: "query_progress", indicator: "律师参与涉法涉诉", period: "2021-01-01..2021-06-30" },
  { text: "法律援助补贴本月发放率100%", intent: "report_progress", indicator: "补贴发放", value: 100, unit: "%", period: NOV },
  { text: "本月学法考试合格率百分之百", intent: "report_progress", indicator: "领导干部普法考试", value: 100, unit: "%" },
  { text: "公证质量检查已经做完了", intent: "report_progress", indicator: "公证质量检查", status: "done" },
  { text: "法治文化广场建设完成了", intent: "report_progress", indicator: "法治阵地建设", status: "done" },
  { text: "智慧矫正进展", intent: "query_progress", indicator: "智慧矫正中心" },
  { text: "金融公证业务怎么样", intent: "query_progress", indicator: "金融公证" },
  { text: "调解成功率定的是多少", intent: "query_target", indicator: "调解成功率" },
  { text: "今年值班律师的任务", intent: "query_target", indicator: "律师参与涉法涉诉" },
  { text: "我们的指标完成得怎么样", intent: "query_progress", indicator: null },
  { text: "局里总共有多少指标", intent: "list_indicators", indicator: null },
  { text: "哪个科室没交", intent: "overdue", indicator: null },
  { text: "这个月还有哪些指标没填", intent: "overdue", indicator: null },
  { text: "你们领导是谁", intent: "unknown", indicator: null },
  { text: "现在几点了", intent: "unknown" },
  { text: "取消上报", intent: "cancel" },
  { text: "撤回上一条", intent: "undo", value: null },
  { text: "以后每个月1号提醒", intent: "remind_me", choice: 1 },
  { text: "暂停本月提醒", intent: "mute_reminders" },
  { text: "别忘了提醒我每月2号报", intent: "remind_me", choice: 2 },
];

const norm = (s: string) => s.replace(/[\s，,。“”"'、（）()《》]/g, "");

/** What differs from the expectation ("" when all checked fields agree). */
function mismatch(c: Case): string {
  const p = parseMessage(c.text, ctx);
  const bad: string[] = [];
  if (p.intent !== c.intent) bad.push(`intent ${p.intent}`);
  if (c.indicator === null && p.indicator) bad.push(`indicator ${p.indicator.name}`);
  if (c.indicator && !(p.indicator && norm(p.indicator.name).includes(norm(c.indicator)))) bad.push(`indicator ${p.indicator?.name ?? "none"}`);
  if (c.value !== undefined && p.value !== c.value) bad.push(`value ${p.value}`);
  if (c.unit !== undefined && p.unit !== c.unit) bad.push(`unit ${p.unit}`);
  if (c.period !== undefined && (p.period ? `${p.period.start}..${p.period.end}` : null) !== c.period) bad.push(`period ${p.period?.start}..${p.period?.end}`);
  if (c.choice !== undefined && p.choice !== c.choice) bad.push(`choice ${p.choice}`);
  if (c.status !== undefined && p.status !== c.status) bad.push(`status ${p.status}`);
  return bad.join("; ");
}

describe("parseMessage on held-out messages", () => {
  it("has at least 60 cases", () => expect(cases.length).toBeGreaterThanOrEqual(60));
  it.each(cases)("$text", (c) => expect(mismatch(c)).toBe(""));
});
