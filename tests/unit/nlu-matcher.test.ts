import { describe, expect, it } from "vitest";
import { IndicatorMatcher, MATCH_THRESHOLD } from "../../src/conversation/nlu/indicator-matcher.js";
import type { IndicatorDoc } from "../../src/conversation/nlu/types.js";
import { catalogDocs } from "../helpers/catalog-docs.js";

const docs = catalogDocs();
const matcher = new IndicatorMatcher(docs);
const plain = new IndicatorMatcher(docs.map((d) => ({ ...d, aliases: [] }))); // an imported table has no aliases
const norm = (s: string) => s.replace(/[\s，,“”"]/g, "");

describe("IndicatorMatcher", () => {
  it.each([
    ["调解成功率", "调解成功率"],
    ["调节成功率", "调解成功率"], // typo, same pinyin
    ["人民调解成功率", "调解成功率"],
    ["普法动态", "新媒体平台建设"],
    ["值班律师人次", "律师参与涉法涉诉"],
    ["百姓调解电视节目", "人民调解影响力"],
    ["临沂日报普法专栏", "日报宣传栏"],
    ["普法宣传教材采购", "普法教材购买"],
    ["仲裁信息宣传", "仲裁信息宣传"],
    ["行政执法培训人次", "培训人次"],
    ["法律顾问", "法律顾问工作"],
    ["案卷评查", "案卷评查"],
    ["减证便民", "减证便民"],
    ["预算偏离率", "预算资金偏离率"],
    ["满意度", "满意度评价"],
  ])("%s → %s", (query, expected) => {
    const [best] = matcher.match(query);
    expect(norm(best!.name)).toContain(expected);
    expect(best!.score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });

  it.each([
    ["调节成功率", "调解成功率"],
    ["普法动态", "新媒体平台建设"],
    ["值班律师", "律师参与涉法涉诉"],
    ["百姓调解节目", "人民调解影响力"],
    ["日报普法专栏", "日报宣传栏"],
  ])("without aliases: %s → %s", (query, expected) => {
    expect(norm(plain.match(query)[0]!.name)).toContain(expected);
  });

  it("scores are in 0..1, best first", () => {
    const c = matcher.match("调解");
    expect(c.length).toBeGreaterThan(1);
    for (let i = 1; i < c.length; i++) expect(c[i - 1]!.score).toBeGreaterThanOrEqual(c[i]!.score);
    for (const x of c) expect(x.score).toBeGreaterThanOrEqual(0), expect(x.score).toBeLessThanOrEqual(1);
  });

  it("a two-character query stays below the threshold (the caller offers the top 3)", () => {
    expect(matcher.match("调解")[0]!.score).toBeLessThan(MATCH_THRESHOLD);
  });

  it("off-topic text matches nothing above the threshold", () => {
    for (const q of ["明天放假", "推荐电影", "食堂吃什么", "天气"]) {
      expect(matcher.match(q)[0]?.score ?? 0).toBeLessThan(MATCH_THRESHOLD);
    }
  });

  it("the unit in the message breaks a tie (场 vs 人次)", () => {
    const twins: IndicatorDoc[] = [
      { id: 1, code: "a", name: "普法培训", group: null, explanation: null, targetText: "12场", aliases: [], units: ["场"], sectionId: 1 },
      { id: 2, code: "b", name: "普法培训", group: null, explanation: null, targetText: "800人次", aliases: [], units: ["人次"], sectionId: 1 },
    ];
    const m = new IndicatorMatcher(twins);
    expect(m.match("普法培训", { unit: "人次" })[0]!.id).toBe(2);
    expect(m.match("普法培训", { unit: "场" })[0]!.id).toBe(1);
    expect(m.match("普法培训", { unit: "人" })[0]!.id).toBe(2); // 人 ≈ 人次
  });

  it("matches thousands of queries a second", () => {
    const queries = ["人民调解成功率", "普法动态", "值班律师人次", "日报专栏发布", "法律顾问工作"];
    const start = performance.now();
    for (let i = 0; i < 2000; i++) matcher.match(queries[i % queries.length]!);
    expect(2000 / ((performance.now() - start) / 1000)).toBeGreaterThan(1000);
  });
});
