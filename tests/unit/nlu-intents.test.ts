import { describe, expect, it } from "vitest";
import { classifyIntent, dialogMove, ownSectionMentioned, askedReminderDay, statusOf, type IntentSignals } from "../../src/conversation/nlu/intents.js";

const none: IntentSignals = { indicator: false, value: false, status: null, ownSection: false };
const withIndicator = { ...none, indicator: true };
const withBoth = { ...none, indicator: true, value: true };

describe("dialogMove", () => {
  it.each([
    ["确认", "confirm", null], ["是", "confirm", null], ["对", "confirm", null], ["好的", "confirm", null], ["没问题", "confirm", null],
    ["ok", "confirm", null], ["OK!", "confirm", null], ["y", "confirm", null], ["嗯嗯", "confirm", null], ["好吧", "confirm", null],
    ["取消", "cancel", null], ["算了", "cancel", null], ["不用了", "cancel", null], ["否", "cancel", null], ["no", "cancel", null],
    ["2", "choose", 2], ["选2", "choose", 2], ["第二个", "choose", 2], ["选第三个", "choose", 3], ["1号", "choose", 1], ["就第一个吧", "choose", 1],
  ])("%s → %s", (text, intent, choice) => expect(dialogMove(text)).toEqual({ intent, choice }));

  it.each(["确认一下调解成功率", "98.9", "12篇", "调解成功率", "是多少"])("not a move: %s", (text) => expect(dialogMove(text)).toBeNull());
});

describe("classifyIntent", () => {
  it.each([
    ["调解成功率的目标是多少", withIndicator, "query_target"],
    ["要达到多少", withIndicator, "query_target"],
    ["指标值", withIndicator, "query_target"],
    ["要求是多少", withIndicator, "query_target"],
    ["进度", withIndicator, "query_progress"],
    ["完成了多少", withIndicator, "query_progress"],
    ["完成情况", withIndicator, "query_progress"],
    ["怎么样了", withIndicator, "query_progress"],
    ["发了多少篇", withIndicator, "query_progress"],
    ["我们科的进度", { ...none, ownSection: true }, "query_progress"],
    ["二季度调解成功率", withIndicator, "query_progress"],
    ["本月调解成功率为98.9%", withBoth, "report_progress"],
    ["上报 调解成功率 百分之九十九", withBoth, "report_progress"],
    ["七五普法验收已完成", { ...withIndicator, status: "done" }, "report_progress"],
    ["调解成功率要达到98%吗", withBoth, "query_target"],
    ["我们有什么指标", none, "list_indicators"],
    ["本科室指标", none, "list_indicators"],
    ["负责的指标有哪些", none, "list_indicators"],
    ["还有谁没报", none, "overdue"],
    ["未上报名单", none, "overdue"],
    ["缺报的指标", none, "overdue"],
    ["哪些没报", none, "overdue"],
    ["help", none, "help"],
    ["帮助", none, "help"],
    ["怎么用", none, "help"],
    ["你好", none, "help"],
    ["你能干什么", none, "help"],
    // scoped list questions, even when 考核/任务 looked like an indicator
    ["本科室有哪些考核指标", { ...none, ownSection: true }, "list_indicators"],
    ["我名下有几项指标", none, "list_indicators"],
    ["普法科负责哪些指标", { ...withIndicator, section: true }, "list_indicators"],
    ["普法科的目标是什么", { ...withIndicator, section: true }, "query_target"],
    ["我们科的指标完成得怎么样", { ...none, ownSection: true }, "query_progress"],
    // 标准 and other target words
    ["系统党建考核的标准", withIndicator, "query_target"],
    ["资金偏离率标准多少", withIndicator, "query_target"],
    ["政务服务标准化进展", withIndicator, "query_progress"],
    // how-to questions without indicator or value beat report/progress/target words
    ["怎么报进度", none, "help"],
    ["怎么查指标的目标", none, "help"],
    ["上报数据的格式是什么", none, "help"],
    ["/help", none, "help"],
    ["？", none, "help"],
    ["调解成功率怎么查", withIndicator, "query_progress"],
    ["公积金怎么提取", none, "unknown"],
    ["明天放假吗", none, "unknown"],
    ["推荐一部电影", none, "unknown"],
    ["今天天气多少度", none, "unknown"],
    ["改成99%", { ...none, value: true }, "correct"],
    ["更正为12篇", { ...none, value: true }, "correct"],
    ["错了，应该是10篇", { ...none, value: true }, "correct"],
    ["撤回", none, "undo"],
    ["撤销上一条", none, "undo"],
    ["删除刚才的", none, "undo"],
    ["提醒我每月3号报", { ...none, value: false }, "remind_me"],
    ["这个月别提醒了", none, "mute_reminders"],
    ["不要再提醒我了", none, "mute_reminders"],
  ] as const)("%s → %s", (text, signals, intent) => expect(classifyIntent(text, signals)).toBe(intent));
});

describe("slots", () => {
  it.each([["我们", true], ["我们科", true], ["本科室", true], ["我科", true], ["调解成功率", false]] as const)("ownSection %s", (t, v) =>
    expect(ownSectionMentioned(t)).toBe(v),
  );
  it.each([
    ["已完成", "done"], ["完成了", "done"], ["正在推进", "in_progress"], ["进行中", "in_progress"], ["完成了多少", null], ["完成了吗", null],
  ] as const)("status %s", (t, v) => expect(statusOf(t)).toBe(v));
  it.each([["提醒我每月3号报", 3], ["每个月十号提醒我", 10], ["25号提醒我", 25], ["提醒我", null]] as const)("reminder day %s", (t, v) =>
    expect(askedReminderDay(t)).toBe(v),
  );
});
