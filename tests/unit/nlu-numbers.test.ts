import { describe, expect, it } from "vitest";
import { findNumbers, soleNumber } from "../../src/conversation/nlu/numbers.js";
import { parseNumeral } from "../../src/domain/numerals.js";

describe("soleNumber", () => {
  it.each([
    ["八百二十", 820, null], ["两千", 2000, null], ["一万二", 12000, null], ["千二", 1200, null],
    ["百分之九十八点五", 98.5, "%"], ["3千", 3000, null], ["1.5万", 15000, null], ["九十", 90, null],
    ["四百二十", 420, null], ["两", 2, null], ["十", 10, null], ["十二", 12, null], ["零点五", 0.5, null],
    ["99.2%", 99.2, "%"], ["99.2％", 99.2, "%"], ["1,200", 1200, null], ["三百零五", 305, null], ["八百二", 820, null],
    ["一万零五十", 10050, null], ["二零二一", 2021, null], ["一百", 100, null], ["12篇", 12, "篇"], ["九十人次", 90, "人次"],
    ["百分之99", 99, "%"], ["两期", 2, "期"], ["一千二百人", 1200, "人"], ["5个百分点", 5, "%"],
    // worded percentages whose digits look like fixed words (之一, 一点) and decimals with 万
    ["百分之一点五", 1.5, "%"], ["百分之一", 1, "%"], ["百分之一百", 100, "%"], ["百分之一点零", 1, "%"], ["百分之零点五", 0.5, "%"],
    ["百分之十一点二五", 11.25, "%"], ["百分之一十", 10, "%"], ["千分之五", 0.5, "%"], ["一点五", 1.5, null], ["一点五万", 15000, null],
    ["两点五万", 25000, null],
  ])("%s → %s %s", (text, value, unit) => {
    expect(soleNumber(text)).toMatchObject({ value, unit });
  });
});

describe("findNumbers skips what is not a quantity", () => {
  it.each([
    "报一下", "十月份", "10月", "三季度", "第三季度", "第二个", "Q3", "2021年", "1-10月", "1至10月", "一到十月",
    "每月3号", "七五普法验收", "三会一课", "12348坐席", "推荐一部电影", "看一下", "统一", "十四五规划", "千万",
  ])("%s", (text) => expect(findNumbers(text)).toEqual([]));
});

describe("findNumbers in sentences", () => {
  it.each([
    ["日报专栏十月发布两期", [[2, "期"]]],
    ["本月调解成功率为98.9%", [[98.9, "%"]]],
    ["八月值班律师九十人次", [[90, "人次"]]],
    ["本月执法培训人次：四百二十", [[420, null]]],
    ["2021年10月普法动态12篇", [[12, "篇"]]],
    ["法律顾问25名，办理案件30件", [[25, "名"], [30, "件"]]],
    ["三季度预算偏离率为百分之一点五", [[1.5, "%"]]],
    ["偏离率控制在百分之一以内，统一口径", [[1, "%"]]],
  ] as const)("%s", (text, expected) => {
    expect(findNumbers(text).map((n) => [n.value, n.unit])).toEqual(expected);
  });
});

describe("parseNumeral", () => {
  it("rejects what is not a numeral", () => {
    for (const s of ["", "点五", "三点", "万", "abc"]) expect(parseNumeral(s) ?? null).toBeNull();
  });
});
