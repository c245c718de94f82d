import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  assessValue, defaultAggregation, normaliseUnit, parseTarget, primaryUnit,
  sameUnitFamily, unitsOf,
} from "../../src/domain/target.js";
import { describeTarget } from "../../src/domain/target-description.js";
import { parseNumeral } from "../../src/domain/numerals.js";
import type { QuantitativePart } from "../../src/domain/target-types.js";
import { SEED_TARGETS, q, s } from "./target-seed-cases.js";

// Parts with every optional field present, so an expected "no label" is checked too.
const parse = (text: string, context = {}) =>
  parseTarget(text, context).parts.map((p) => (p.kind === "quantitative" ? { label: undefined, ...p } : p));

// The published PDF text the curated table was read from, kept beside it in data/source/.
const SEED = "data/source/linyi-sfj-2021-performance-goals.txt";
const CATALOG = new URL("../../data/goal-table-2021.json", import.meta.url);

describe("parseTarget: every target of the 2021 seed", () => {
  it.each(SEED_TARGETS.map(([text, parts]) => ({ text, parts })))("$text", ({ text, parts }) => {
    expect(parse(text)).toMatchObject(parts);
  });

  it("rows are copied from the seed, not invented", () => {
    const seed = readFileSync(SEED, "utf8");
    expect(SEED_TARGETS.map(([t]) => t).filter((t) => !seed.includes(t))).toEqual([]);
  });

  it("every target of data/goal-table-2021.json has a row here", () => {
    const catalog = JSON.parse(readFileSync(CATALOG, "utf8")) as { indicators: { target: string }[] };
    const known = new Set(SEED_TARGETS.map(([t]) => t.trim()));
    expect(catalog.indicators.map((i) => i.target.trim()).filter((t) => !known.has(t))).toEqual([]);
  });
});

describe("parseTarget: the rules beyond the seed", () => {
  it.each([
    ["偏离率控制在5%以内", [q("<=", 5, "%", "偏离率")]],
    ["办理时限不超过3天", [q("<=", 3, "天", "办理时限")]],
    ["投诉率低于1%", [q("<", 1, "%", "投诉率")]],
    ["约20场", [q("≈", 20, "场", undefined, { tolerance: 0.2 })]],
    ["发布专栏二十四期", [q(">=", 24, "期", "发布专栏")]],
    ["全年播出一百五十六期", [q(">=", 156, "期", "全年播出")]],
    ["每月开展2次", [q(">=", 2, "次", "开展", { per: "month" })]],
    ["培训２０场", [q(">=", 20, "场", "培训")]],
    ["满意度不低于90％", [q(">=", 90, "%", "满意度")]],
    ["依据临政法[2015]17号文执行", [s("完成")]],
    ["按《2021年工作要点》完成3项改革", [q(">=", 3, "项", "按《2021年工作要点》完成改革")]],
    ["2021年6月前完成", [s("完成", { deadline: "2021年6月" })]],
    ["达标率98%", [q(">=", 98, "%", "达标率")]],
    ["约谈3次", [q(">=", 3, "次", "约谈")]],
    ["预算资金偏离率0%", [q("<=", 0, "%", "预算资金偏离率")]],
  ] as const)("%s", (text, parts) => {
    expect(parse(text)).toMatchObject(parts);
  });

  it("the indicator name can make a bare number 反向", () => {
    expect(parse("3%", { indicator: "预算资金偏离率" })).toMatchObject([q("<=", 3, "%")]);
    expect(parse("3%")).toMatchObject([q(">=", 3, "%")]);
  });

  it("reads Chinese numerals", () => {
    expect([ "三", "十", "十五", "二十四", "一百五十六", "两千", "二〇二〇"].map((s) => parseNumeral(s)))
      .toEqual([3, 10, 15, 24, 156, 2000, 2020]);
  });
});

describe("describeTarget, primaryUnit, unitsOf", () => {
  it.each([
    ["值班人次≥800人", "值班人次 ≥ 800 人"],
    ["15场左右", "≈ 15 场（±20%）"],
    ["98%", "≥ 98%"],
    ["0%", "≤ 0%"],
    ["职责内的各项工作应做尽做", "定性：应做尽做"],
    ["2020年底完成", "定性：完成（2020年底完成），2020年底前"],
    ["1.每周制作3期，全年累计播出>156期 2.投放普法系列视频 3.报纸宣传≥5版面",
      "每周制作 ≥ 3 期；全年累计播出 > 156 期；定性：完成（投放普法系列视频）；报纸宣传 ≥ 5 版面"],
  ])("%s → %s", (text, rendered) => {
    expect(describeTarget(parseTarget(text))).toBe(rendered);
  });

  it("lists units", () => {
    const t = parseTarget("1.每周制作3期，全年累计播出>156期 2.投放普法系列视频 3.报纸宣传≥5版面");
    expect(primaryUnit(t)).toBe("期");
    expect(unitsOf(t)).toEqual(["期", "版面"]);
    expect(primaryUnit(parseTarget("应做尽做"))).toBeNull();
    expect(unitsOf(parseTarget("聘请法律顾问≥25名,律师办理案件数量≥200"))).toEqual(["名"]);
  });
});

describe("units", () => {
  it("keeps units as written and matches families", () => {
    expect(normaliseUnit(" ％")).toBe("%");
    expect(normaliseUnit("人次")).toBe("人次");
    expect(sameUnitFamily("人次", "人")).toBe(true);
    expect(sameUnitFamily("名", "人")).toBe(true);
    expect(sameUnitFamily("场次", "场")).toBe(true);
    expect(sameUnitFamily("篇", "期")).toBe(false);
    expect(sameUnitFamily("元", "万元")).toBe(false);
    expect(sameUnitFamily(null, "件")).toBe(true);
  });
});

const part = (text: string, i = 0) => parseTarget(text).parts[i] as QuantitativePart;

describe("assessValue", () => {
  it("正向 ≥: met at or above the target, ratio = value / target capped at 1", () => {
    expect(assessValue(part("值班人次≥800人"), 800)).toEqual({ met: true, ratio: 1 });
    expect(assessValue(part("值班人次≥800人"), 1200)).toEqual({ met: true, ratio: 1 });
    expect(assessValue(part("值班人次≥800人"), 600)).toEqual({ met: false, ratio: 0.75 });
    expect(assessValue(part("98%"), 99.7)).toEqual({ met: true, ratio: 1 });
    expect(assessValue(part("98%"), 49)).toEqual({ met: false, ratio: 0.5 });
  });

  it("正向 >: the target itself is not enough", () => {
    const p = part("普法动态大于100篇");
    expect(assessValue(p, 100)).toEqual({ met: false, ratio: 0.99 });
    expect(assessValue(p, 101).met).toBe(true);
  });

  it("≈: met within ±20%, otherwise smaller / larger", () => {
    const p = part("15场左右");
    expect(assessValue(p, 12)).toEqual({ met: true, ratio: 1 });
    expect(assessValue(p, 18)).toEqual({ met: true, ratio: 1 });
    expect(assessValue(p, 10)).toEqual({ met: false, ratio: 10 / 15 });
    expect(assessValue(p, 30)).toEqual({ met: false, ratio: 0.5 });
  });

  it("反向 ≤ 0%: met at zero deviation either side, else 1 − |value|/100", () => {
    const p = part("0%");
    expect(assessValue(p, 0)).toEqual({ met: true, ratio: 1 });
    expect(assessValue(p, -3)).toEqual({ met: false, ratio: 0.97 });
    expect(assessValue(p, 3)).toEqual({ met: false, ratio: 0.97 });
  });

  it("反向 counts and ceilings", () => {
    expect(assessValue(part("组织零差错考试"), 0)).toEqual({ met: true, ratio: 1 });
    expect(assessValue(part("组织零差错考试"), 1)).toEqual({ met: false, ratio: 0.5 });
    expect(assessValue(part("偏离率控制在5%以内"), 4)).toEqual({ met: true, ratio: 1 });
    expect(assessValue(part("偏离率控制在5%以内"), 10)).toEqual({ met: false, ratio: 0.5 });
  });

  it("=: only the exact value", () => {
    const p: QuantitativePart = { kind: "quantitative", text: "=4", comparator: "=", value: 4, unit: "次", direction: "positive" };
    expect(assessValue(p, 4)).toEqual({ met: true, ratio: 1 });
    expect(assessValue(p, 2)).toEqual({ met: false, ratio: 0.5 });
  });
});

describe("defaultAggregation", () => {
  it.each([
    ["98%", "latest"],
    ["最终成绩合格率达100%", "latest"],
    ["考核完成率1 考核完成率100%", "latest"],
    ["0%", "latest"],
    ["值班人次≥800人", "sum"],
    ["15场左右", "sum"],
    ["印发全面从严治党任务分工和责任清单，党组全年研究全面从严治党不少于2次", "sum"],
    ["应做尽做", "status"],
    ["2020年底完成", "status"],
    ["办案人员参加相关培训，计划举办XX场次", "status"],
  ])("%s → %s", (text, aggregation) => {
    expect(defaultAggregation(parseTarget(text))).toBe(aggregation);
  });
});
