// Reading a budget figure from chat (src/budget/chat-report.ts): kind, month, 万元 in cents and the
// project, worked out by hand for each row. Clock: 2021-11-15 (October is the last ended month).
import { describe, expect, it } from "vitest";
import { isBudgetMessage, matchProject, readBudgetMessage } from "../../src/budget/chat-report.js";

const NOW = new Date("2021-11-15T10:00:00+08:00");
const TODAY = { year: 2021, month: 11 };
const PROJECTS = ["基本支出", "办案业务及装备经费", "法援经费", "仲裁经费", "临沂市司法局办案（业务）装备经费（人民调解工作经费）", "行政复议经费", "复议应诉经费"];

describe("which messages are budget figures", () => {
  it.each([
    ["10月办案业务及装备经费累计支出386.2万元", true],
    ["仲裁经费调整后预算30万元", true],
    ["法援经费年初预算85万", true],
    ["预算执行进度", false], // a question (src/monitoring/chat-cues.ts)
    ["预算资金偏离率0%", false], // an indicator's figure
    ["本月调解成功率99.2%", false],
    ["普法动态支出了？", false], // no amount
  ])("%s → %s", (text, yes) => expect(isBudgetMessage(text)).toBe(yes));
});

describe("reading one figure", () => {
  it.each([
    // text, kind, month, cents (0.01 万元), project
    ["10月办案业务及装备经费累计支出386.2万元", "spent", 10, 38620, "办案业务及装备经费"], // 386.2 万元
    ["十月份办案业务及装备经费累计支出3862500元", "spent", 10, 38625, "办案业务及装备经费"], // 3,862,500 元 = 386.25 万元
    ["1-9月法援经费支出1,200.5万", "spent", 9, 120050, "法援经费"], // the end month of a range
    ["法援经费累计支出50万元", "spent", 10, 5000, "法援经费"], // no month: the last ended month
    ["仲裁经费调整后预算30", "adjusted", null, 3000, "仲裁经费"], // a bare number is 万元
    ["仲裁经费年初预算二十五万元", "initial", null, 2500, "仲裁经费"],
    ["10月人民调解工作经费累计支出12万元", "spent", 10, 1200, null], // not a full name, no unique core
    ["10月临沂市司法局办案(业务)装备经费(人民调解工作经费)累计支出12万元", "spent", 10, 1200, "临沂市司法局办案（业务）装备经费（人民调解工作经费）"], // half-width brackets
    ["10月法援累计支出12万元", "spent", 10, 1200, "法援经费"], // core of 法援经费
  ])("%s", (text, kind, month, cents, project) => {
    const r = readBudgetMessage(text, PROJECTS, NOW, TODAY);
    expect(r).toMatchObject({ ok: true, kind, month, cents, project });
  });

  it.each([
    ["12月法援经费累计支出50万元", "12月还没有到"],
    ["10月法援经费累计支出50.123万元", "最多两位小数"],
    ["10月法援经费累计支出50万元，仲裁经费累计支出20万元", "只报一个金额"],
  ])("refused: %s", (text, reason) => {
    const r = readBudgetMessage(text, PROJECTS, NOW, TODAY);
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.reason).toContain(reason);
  });

  it("several projects fitting alike are offered, none chosen", () => {
    expect(matchProject("10月复议累计支出12万元", PROJECTS)).toEqual({ project: null, ambiguous: [] });
    expect(matchProject("复议应诉经费", PROJECTS).project).toBe("复议应诉经费"); // the longest full name wins
  });
});
