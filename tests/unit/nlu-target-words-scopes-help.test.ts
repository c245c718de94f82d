// A second held-out set, written after the blind evaluation showed gaps: 标准-style target questions,
// scoped list questions (own or named section), how-to help questions, worded percentages, the
// natural counting unit and cumulative periods (前三季度, 今年以来). None of these are in the dev or
// blind sets; they probe the general rules, not sentences.
import { describe, expect, it } from "vitest";
import { mismatch, type NluCase, NOV, OCT, YEAR } from "../helpers/nlu-cases.js";

const cases: NluCase[] = [
  // target questions in other words: 标准, 考核要求, 任务数, 合格线, 定了几
  { text: "法律顾问聘请的标准是什么", intent: "query_target", indicator: "法律顾问工作" },
  { text: "普法教材购买标准", intent: "query_target", indicator: "普法教材购买" },
  { text: "调解成功率考核要求", intent: "query_target", indicator: "调解成功率" },
  { text: "培训人次任务数是多少", intent: "query_target", indicator: "培训人次" },
  { text: "日报专栏今年定了几期", intent: "query_target", indicator: "日报宣传栏" },
  { text: "值班律师的指标要求", intent: "query_target", indicator: "律师参与涉法涉诉" },
  { text: "仲裁信息宣传标准值多少", intent: "query_target", indicator: "仲裁信息宣传" },
  { text: "开办培训的考核标准是几场", intent: "query_target", indicator: "开办培训" },
  { text: "预算偏离率合格线是多少", intent: "query_target", indicator: "预算资金偏离率" },
  { text: "政务服务标准化进展如何", intent: "query_progress", indicator: "政务服务标准化" },
  { text: "律师科的值班律师目标是多少", intent: "query_target", indicator: "律师参与涉法涉诉", section: "律师工作科" },
  // list questions: a scope (own section, a named section, 我名下) + which/list word + 指标/考核/内容/任务
  { text: "我们科负责哪些考核任务", intent: "list_indicators", indicator: null },
  { text: "列一下本科室的考核内容", intent: "list_indicators", indicator: null },
  { text: "复议科有哪些指标", intent: "list_indicators", indicator: null, section: "行政复议与应诉科" },
  { text: "公证科的指标清单", intent: "list_indicators", indicator: null, section: "公共法律服务管理科" },
  { text: "财务科管几项指标", intent: "list_indicators", indicator: null, section: "计划财务装备科" },
  { text: "我负责的考核事项有哪些", intent: "list_indicators", indicator: null },
  { text: "把我们部门的指标列出来", intent: "list_indicators", indicator: null },
  { text: "立法科的绩效目标都有什么", intent: "list_indicators", indicator: null, section: "立法科" },
  { text: "矫正科考核哪些内容", intent: "list_indicators", indicator: null, section: "社区矫正管理局" },
  { text: "法考办有几个指标", intent: "list_indicators", indicator: null, section: "法律职业资格管理科" },
  { text: "我名下都有哪些任务", intent: "list_indicators", indicator: null },
  { text: "办公室有什么考核指标", intent: "list_indicators", indicator: null, section: "办公室" },
  { text: "看看我们科室的指标", intent: "list_indicators", indicator: null },
  { text: "机关党委的考核指标有哪些", intent: "list_indicators", indicator: null, section: "政治部" },
  { text: "普法科的普法动态发了多少篇", intent: "query_progress", indicator: "新媒体平台建设", section: "普法与依法治理科" },
  { text: "调解科进度怎么样", intent: "query_progress", indicator: null, section: "人民参与和促进法治科" },
  { text: "我们科的指标完成得怎么样", intent: "query_progress", indicator: null, section: null },
  // how-to questions without an indicator or a value are help
  { text: "怎么上报数据", intent: "help" },
  { text: "如何查询进度", intent: "help" },
  { text: "数据怎么填报", intent: "help" },
  { text: "报送格式", intent: "help" },
  { text: "有哪些指令可以用", intent: "help" },
  { text: "使用指南", intent: "help" },
  { text: "我不会用这个", intent: "help" },
  { text: "你是干什么的", intent: "help" },
  { text: "？", intent: "help" },
  { text: "/帮助", intent: "help" },
  { text: "请教一下怎么录入", intent: "help" },
  { text: "如何查本月的目标", intent: "help" },
  { text: "驾照怎么考", intent: "unknown" },
  { text: "离婚财产怎么分", intent: "unknown" },
  // worded percentages
  { text: "本月调解成功率百分之九十九点五", intent: "report_progress", indicator: "调解成功率", value: 99.5, unit: "%", period: NOV },
  { text: "补贴发放率百分之一百", intent: "report_progress", indicator: "补贴发放", value: 100, unit: "%" },
  { text: "三季度预算偏离率百分之零点八", intent: "report_progress", indicator: "预算资金偏离率", value: 0.8, unit: "%", period: "2021-07-01..2021-09-30" },
  { text: "预算资金偏离率一点二个百分点", intent: "report_progress", indicator: "预算资金偏离率", value: 1.2, unit: "%" },
  { text: "学法考试合格率百分之九十一", intent: "report_progress", indicator: "领导干部普法考试", value: 91, unit: "%" },
  { text: "本月偏离率千分之三", intent: "report_progress", indicator: "预算资金偏离率", value: 0.3, unit: "%" },
  { text: "十月偏离率百分之一", intent: "report_progress", indicator: "预算资金偏离率", value: 1, unit: "%", period: OCT },
  { text: "培训人次一点五万", intent: "report_progress", indicator: "培训人次", value: 15000, unit: "人次" },
  // a value without a unit takes the indicator's counting unit (人次 named in the label beats 人)
  { text: "律师值班 十月 一百二", intent: "report_progress", indicator: "律师参与涉法涉诉", value: 120, unit: "人次", period: OCT },
  { text: "执法培训 本月 三百", intent: "report_progress", indicator: "培训人次", value: 300, unit: "人次", period: NOV },
  { text: "仲裁宣传本月12", intent: "report_progress", indicator: "仲裁信息宣传", value: 12, unit: "篇" },
  { text: "日报专栏 十月 3", intent: "report_progress", indicator: "日报宣传栏", value: 3, unit: "期", period: OCT },
  { text: "骨干培训班本月40", intent: "report_progress", indicator: "一站式", value: 40, unit: "人" },
  { text: "法律顾问 本月 26", intent: "report_progress", indicator: "法律顾问工作", value: 26, unit: "名" },
  { text: "开办培训 本月 两场", intent: "report_progress", indicator: "开办培训", value: 2, unit: "场" },
  // cumulative periods
  { text: "前三个季度值班律师累计多少人次", intent: "query_progress", indicator: "律师参与涉法涉诉", period: "2021-01-01..2021-09-30" },
  { text: "头两个月普法动态发了几篇", intent: "query_progress", indicator: "新媒体平台建设", period: "2021-01-01..2021-02-28" },
  { text: "前10个月培训人次完成多少", intent: "query_progress", indicator: "培训人次", period: "2021-01-01..2021-10-31" },
  { text: "今年以来调解成功率怎么样", intent: "query_progress", indicator: "调解成功率", period: YEAR },
  { text: "年初至今仲裁信息宣传多少篇", intent: "query_progress", indicator: "仲裁信息宣传", period: YEAR },
  { text: "截至九月底普法教材买了多少本", intent: "query_progress", indicator: "普法教材购买", period: "2021-01-01..2021-09-30" },
  { text: "前半年日报专栏发了几期", intent: "query_progress", indicator: "日报宣传栏", period: "2021-01-01..2021-06-30" },
  { text: "今年累计开办培训几场", intent: "query_progress", indicator: "开办培训", period: YEAR },
  { text: "前两季度律师值班人次", intent: "query_progress", indicator: "律师参与涉法涉诉", period: "2021-01-01..2021-06-30" },
  { text: "前三季度培训人次4200", intent: "report_progress", indicator: "培训人次", value: 4200, unit: "人次", period: "2021-01-01..2021-09-30" },
  { text: "第一季度到第三季度调解成功率", intent: "query_progress", indicator: "调解成功率", period: "2021-01-01..2021-09-30" },
  { text: "近三个月培训人次完成多少", intent: "query_progress", indicator: "培训人次", period: "2021-09-01..2021-11-30" },
  { text: "上上个月普法动态发了几篇", intent: "query_progress", indicator: "新媒体平台建设", period: "2021-09-01..2021-09-30" },
  // second probe round
  { text: "本处室的考核指标", intent: "list_indicators", indicator: null },
  { text: "能帮我列出指标吗", intent: "list_indicators", indicator: null },
  { text: "机器人能干嘛", intent: "help" },
  { text: "怎么修改已经报的数据", intent: "help" },
  { text: "调解成功率指标", intent: "query_target", indicator: "调解成功率" },
  { text: "科室满意度评价有哪些考核内容", intent: "query_target", indicator: "各科室的满意度评价" },
  { text: "查一下律师科的情况", intent: "query_progress", indicator: null, section: "律师工作科" },
  { text: "律师年度考核指标多少", intent: "query_target", indicator: "对律师行业监督管理" },
  { text: "截至目前百姓调解播了多少期", intent: "query_progress", indicator: "人民调解影响力", period: "2021-01-01..2021-11-30" },
];

// Still wrong, kept visible: a generic word of the bot's own domain (报表) matches an indicator whose
// target mentions it (年度考核工作: "…统计报表工作"), and a how-to question with an indicator is not help.
const knownWeak: NluCase[] = [{ text: "请问怎样提交报表", intent: "help" }];

describe("parseMessage on held-out messages (2)", () => {
  it("has at least 60 cases", () => expect(cases.length).toBeGreaterThanOrEqual(60));
  it.each(cases)("$text", (c) => expect(mismatch(c)).toBe(""));
  it.fails.each(knownWeak)("known weak: $text", (c) => expect(mismatch(c)).toBe(""));
});
