// Units after a number (分, 册, 版, 部 … only when no word goes on) and the counting unit of an
// indicator for a bare number (a compound target's dominant unit; 分 for a score).
import { describe, expect, it } from "vitest";
import { findNumbers } from "../../src/conversation/nlu/numbers.js";
import { naturalUnit } from "../../src/conversation/nlu/unit-reading.js";

describe("units written after a number", () => {
  it.each([
    ["满意度46.5分", [[46.5, "分"]]],
    ["打了九十分以上", [[90, "分"]]],
    ["视频时长5分钟", [[5, null]]],
    ["买了300册", [[300, "册"]]],
    ["报纸宣传2版", [[2, "版"]]],
    ["报纸宣传2版面", [[2, "版面"]]],
    ["拍摄微电影3部。", [[3, "部"]]],
    ["联合3部门开展", [[3, null]]],
    ["走访50户", [[50, "户"]]],
    ["培训12学时", [[12, "学时"]]],
    ["补贴1200元", [[1200, "元"]]],
    ["工作十分顺利", []],
    ["实现零差错", []],
  ] as const)("%s", (text, expected) => {
    expect(findNumbers(text).map((n) => [n.value, n.unit])).toEqual(expected);
  });
});

describe("naturalUnit", () => {
  const doc = (targetText: string, units: string[], more: { name?: string; explanation?: string } = {}) => ({
    name: more.name ?? "某指标", aliases: [], targetText, units, explanation: more.explanation ?? null,
  });
  it("takes the unit most figures of a compound target are written in", () => {
    expect(naturalUnit(doc("1.每周制作3期，全年累计播出>156期 2.投放视频 3.报纸宣传≥5版面", ["期", "版面"]))).toBe("期");
  });
  it("gives none when no unit dominates", () => {
    expect(naturalUnit(doc("学习全年不少于12天，其中研讨交流不少于4次", ["天", "次"]))).toBeNull();
  });
  it("keeps a single unit, and the more precise counting word of its family", () => {
    expect(naturalUnit(doc("发布专栏24期", ["期"]))).toBe("期");
    expect(naturalUnit(doc("值班人次≥800人", ["人"]))).toBe("人次");
  });
  it("counts a score in 分", () => {
    expect(naturalUnit(doc("依照实际打分情况", []))).toBe("分");
    expect(naturalUnit(doc("按实际情况", [], { explanation: "满分50分计，取平均值" }))).toBe("分");
    expect(naturalUnit(doc("应做尽做", []))).toBeNull();
  });
});
