// A sixth held-out set, written after the fourth blind evaluation: messages about something else
// taken as bot requests — a bare number, leave and expenses (请假, 报销, 打卡: office matters, not
// indicators), a target question about no indicator (加班餐标准), complaints about a system — 保 typed
// for 报 in report words (没保, 漏保, 保送; not 保密, 保障), and 卷/宗 as units. Each with guards for the
// opposite reading: real reports, short indicator-only reports, numbered choices, corrections.
// None are in the dev or blind sets.
import { describe, expect, it } from "vitest";
import { mismatch, type NluCase, NOV, OCT } from "../helpers/nlu-cases.js";

const cases: NluCase[] = [
  // a bare number says nothing by itself (no unit, no indicator)
  { text: "5678", intent: "unknown", indicator: null, value: null },
  { text: "20211115", intent: "unknown", indicator: null },
  // guards: a short figure with a unit answers 数值是多少; numbered choices; corrections
  { text: "96.5%", intent: "report_progress", value: 96.5, unit: "%" },
  { text: "12篇", intent: "report_progress", value: 12, unit: "篇" },
  { text: "3", intent: "choose", choice: 3 },
  { text: "选第1个", intent: "choose", choice: 1 },
  { text: "改成97%", intent: "correct", value: 97, unit: "%" },
  { text: "刚才报错了，应该是15篇", intent: "correct", value: 15 },
  // short indicator-only reports
  { text: "调解成功率97.5%", intent: "report_progress", indicator: "调解成功率", value: 97.5, unit: "%", period: null },
  { text: "培训人次420", intent: "report_progress", indicator: "培训人次", value: 420 },
  { text: "上个月普法动态12篇", intent: "report_progress", indicator: "新媒体平台建设", value: 12, unit: "篇", period: OCT },
  // leave, attendance, expenses, pay: office matters, not indicators
  { text: "下周想请两天假", intent: "unknown", indicator: null, value: null },
  { text: "请假要找谁批", intent: "unknown", indicator: null },
  { text: "调休怎么申请", intent: "unknown", indicator: null },
  { text: "今天忘了打卡怎么办", intent: "unknown", indicator: null },
  { text: "考勤记录在哪看", intent: "unknown", indicator: null },
  { text: "差旅费怎么报销", intent: "unknown", indicator: null },
  { text: "这个月工资什么时候发", intent: "unknown", indicator: null },
  // complaints about a device or system
  { text: "电脑又登不上了", intent: "unknown", indicator: null },
  { text: "系统老是卡死", intent: "unknown", indicator: null },
  { text: "OA系统打不开", intent: "unknown", indicator: null },
  // guard: 系统 in the indicator's own sense
  { text: "系统党建工作模式进展如何", intent: "query_progress", indicator: "系统党建" },
  // a target question about no indicator; guards: nothing named, or an indicator named
  { text: "出差补助标准是多少", intent: "unknown", indicator: null },
  { text: "目标是多少", intent: "query_target", indicator: null },
  { text: "调解成功率的目标是多少", intent: "query_target", indicator: "调解成功率" },
  { text: "普法科今年的目标是多少", intent: "query_target", indicator: null, section: "普法" },
  // 报 in other words (报名, 报到) is no report; guards: the bot's own verbs
  { text: "运动会怎么报名", intent: "unknown", indicator: null },
  { text: "新人去哪报到", intent: "unknown", indicator: null },
  { text: "怎么报送数据", intent: "help", indicator: null },
  { text: "怎么填报", intent: "help", indicator: null },
  // 保 typed for 报
  { text: "哪些科室还没保", intent: "overdue", indicator: null },
  { text: "上个月谁漏保了", intent: "overdue" },
  { text: "保送调解成功率98%", intent: "report_progress", indicator: "调解成功率", value: 98 },
  // guard: 保 in its own words is not 报
  { text: "保密工作怎么做", intent: "unknown" },
  // 卷 and 宗 as units
  { text: "本月评查案卷80卷", intent: "report_progress", value: 80, unit: "卷", period: NOV },
  { text: "行政执法案卷评查本月完成30宗", intent: "report_progress", indicator: "案卷评查", value: 30, unit: "宗" },
];

describe("parseMessage on held-out messages (6)", () => {
  it("has at least 30 cases", () => expect(cases.length).toBeGreaterThanOrEqual(30));
  it.each(cases)("$text", (c) => expect(mismatch(c)).toBe(""));
});
