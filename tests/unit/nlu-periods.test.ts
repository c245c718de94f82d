import { describe, expect, it } from "vitest";
import { findPeriod } from "../../src/conversation/nlu/periods.js";

const NOW = new Date("2021-11-15T10:00:00+08:00");

describe("findPeriod (now = 2021-11-15, Asia/Shanghai)", () => {
  it.each([
    ["本月", "2021-11-01", "2021-11-30", "2021年11月", "month"],
    ["这个月", "2021-11-01", "2021-11-30", "2021年11月", "month"],
    ["当月", "2021-11-01", "2021-11-30", "2021年11月", "month"],
    ["上月", "2021-10-01", "2021-10-31", "2021年10月", "month"],
    ["上个月", "2021-10-01", "2021-10-31", "2021年10月", "month"],
    ["十月份", "2021-10-01", "2021-10-31", "2021年10月", "month"],
    ["10月", "2021-10-01", "2021-10-31", "2021年10月", "month"],
    ["二月", "2021-02-01", "2021-02-28", "2021年2月", "month"],
    ["十二月", "2021-12-01", "2021-12-31", "2021年12月", "month"], // the very next month → this year's (refused later as not started)
    ["12月份", "2021-12-01", "2021-12-31", "2021年12月", "month"],
    ["第三季度", "2021-07-01", "2021-09-30", "2021年第三季度", "quarter"],
    ["三季度", "2021-07-01", "2021-09-30", "2021年第三季度", "quarter"],
    ["Q3", "2021-07-01", "2021-09-30", "2021年第三季度", "quarter"],
    ["二季度", "2021-04-01", "2021-06-30", "2021年第二季度", "quarter"],
    ["本季度", "2021-10-01", "2021-12-31", "2021年第四季度", "quarter"],
    ["上季度", "2021-07-01", "2021-09-30", "2021年第三季度", "quarter"],
    ["上半年", "2021-01-01", "2021-06-30", "2021年上半年", "half"],
    ["下半年", "2021-07-01", "2021-12-31", "2021年下半年", "half"],
    ["今年", "2021-01-01", "2021-12-31", "2021年", "year"],
    ["本年", "2021-01-01", "2021-12-31", "2021年", "year"],
    ["全年", "2021-01-01", "2021-12-31", "2021年", "year"],
    ["年度", "2021-01-01", "2021-12-31", "2021年", "year"],
    ["去年", "2020-01-01", "2020-12-31", "2020年", "year"],
    ["2021年", "2021-01-01", "2021-12-31", "2021年", "year"],
    ["2021年10月", "2021-10-01", "2021-10-31", "2021年10月", "month"],
    ["去年12月", "2020-12-01", "2020-12-31", "2020年12月", "month"],
    ["2020年第二季度", "2020-04-01", "2020-06-30", "2020年第二季度", "quarter"],
    ["1-10月", "2021-01-01", "2021-10-31", "2021年1-10月", "range"],
    ["1至10月", "2021-01-01", "2021-10-31", "2021年1-10月", "range"],
    ["一到十月", "2021-01-01", "2021-10-31", "2021年1-10月", "range"],
    ["八月到十月", "2021-08-01", "2021-10-31", "2021年8-10月", "range"],
    ["截至目前", "2021-01-01", "2021-11-30", "2021年1-11月", "range"],
    ["累计", "2021-01-01", "2021-11-30", "2021年1-11月", "range"],
    // a named year with a to-date word is that whole year (year to date is implied by "now")
    ["今年以来", "2021-01-01", "2021-12-31", "2021年", "year"],
    ["今年累计", "2021-01-01", "2021-12-31", "2021年", "year"],
    ["年初至今", "2021-01-01", "2021-12-31", "2021年", "year"],
    ["2020年累计", "2020-01-01", "2020-12-31", "2020年", "year"],
    // 前N: January through the Nth quarter / month
    ["前三季度", "2021-01-01", "2021-09-30", "2021年1-9月", "range"],
    ["前两个季度", "2021-01-01", "2021-06-30", "2021年1-6月", "range"],
    ["前10个月", "2021-01-01", "2021-10-31", "2021年1-10月", "range"],
    ["头三个月", "2021-01-01", "2021-03-31", "2021年1-3月", "range"],
    ["去年前三个季度", "2020-01-01", "2020-09-30", "2020年1-9月", "range"],
    ["前半年", "2021-01-01", "2021-06-30", "2021年上半年", "half"],
    ["一季度到三季度", "2021-01-01", "2021-09-30", "2021年1-9月", "range"],
    ["近三个月", "2021-09-01", "2021-11-30", "2021年9-11月", "range"],
    ["上上个月", "2021-09-01", "2021-09-30", "2021年9月", "month"],
    ["截至10月底", "2021-01-01", "2021-10-31", "2021年1-10月", "range"],
  ])("%s", (text, start, end, label, kind) => {
    expect(findPeriod(`调解成功率${text}完成多少`, NOW)?.slot).toEqual({ start, end, label, kind });
  });

  it.each(["调解成功率", "年度考核工作", "三个月", "前两天", "12348坐席", "每月3号提醒我"])("no period in %s", (text) => {
    expect(findPeriod(text, NOW)).toBeNull();
  });

  it("crosses the year boundary for relative periods", () => {
    const jan = new Date("2022-01-05T09:00:00+08:00");
    expect(findPeriod("上个月", jan)?.slot.label).toBe("2021年12月");
    expect(findPeriod("上季度", jan)?.slot.label).toBe("2021年第四季度");
    expect(findPeriod("十二月", jan)?.slot.label).toBe("2021年12月");
    expect(findPeriod("最近两个月", jan)?.slot).toMatchObject({ start: "2021-12-01", end: "2022-01-31", label: "2021年12月-2022年1月" });
  });

  it("takes a later month as last year's, except the very next month", () => {
    const sep = new Date("2021-09-10T09:00:00+08:00");
    expect(findPeriod("10月", sep)?.slot.label).toBe("2021年10月"); // next month: this year's
    expect(findPeriod("11月", sep)?.slot.label).toBe("2020年11月"); // two months ahead: last year's
    expect(findPeriod("十二月", sep)?.slot.label).toBe("2020年12月");
    expect(findPeriod("四季度", sep)?.slot.label).toBe("2021年第四季度"); // starts next month
    expect(findPeriod("8-12月", sep)?.slot.label).toBe("2021年8-12月");
    const jan = new Date("2022-01-20T09:00:00+08:00");
    expect(findPeriod("12月", jan)?.slot.label).toBe("2021年12月"); // the December just past
    expect(findPeriod("11月", jan)?.slot.label).toBe("2021年11月");
    expect(findPeriod("2月", jan)?.slot.label).toBe("2022年2月"); // next month
    expect(findPeriod("三月", jan)?.slot.label).toBe("2021年3月");
    expect(findPeriod("下半年", jan)?.slot.label).toBe("2021年下半年");
    const dec = new Date("2021-12-03T09:00:00+08:00");
    expect(findPeriod("1月", dec)?.slot.label).toBe("2021年1月"); // this January, not next
    expect(findPeriod("十二月", dec)?.slot.label).toBe("2021年12月");
    expect(findPeriod("去年12月", new Date("2021-11-15T10:00:00+08:00"))?.slot.label).toBe("2020年12月");
  });

  it("uses Shanghai time, not UTC", () => {
    // 2021-10-31 20:00 UTC is already 1 November in Shanghai.
    expect(findPeriod("本月", new Date("2021-10-31T20:00:00Z"))?.slot.label).toBe("2021年11月");
  });

  it("returns the spans that named the period", () => {
    expect(findPeriod("2021年10月普法动态", NOW)?.spans).toEqual([[0, 5], [5, 8]]);
  });
});
