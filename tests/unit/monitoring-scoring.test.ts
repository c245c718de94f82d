// 自评 scoring per 财预〔2020〕10号 (issue 13 item 4). Every expected score below was computed BY HAND
// (the arithmetic is in the comment of each row), not by the code under test.
import { describe, expect, it } from "vitest";
import {
  checkWeights, compoundFraction, equalWeights, executionScore, gradeOf, qualitativeFraction, quantitativeFraction,
  round2, ScoreOutOfBandError, type QualitativeBands,
} from "../../src/domain/monitoring/scoring.js";

const bands10: QualitativeBands = {
  achieved: { min: 0.8, max: 1, label: "达成年度指标" },
  partial: { min: 0.6, max: 0.8, label: "部分达成年度指标并具有一定效果" },
  not_achieved: { min: 0, max: 0.6, label: "未达成年度指标且效果较差" },
};
// 2019 济南 form: 100–80 / 80–50 / 50–0
const bandsJinan: QualitativeBands = {
  achieved: { min: 0.8, max: 1, label: "达成" },
  partial: { min: 0.5, max: 0.8, label: "部分达成" },
  not_achieved: { min: 0, max: 0.5, label: "未达成" },
};
const grades = [{ min: 90, grade: "优" }, { min: 80, grade: "良" }, { min: 60, grade: "中" }, { min: 0, grade: "差" }];
const grades876 = [{ min: 80, grade: "优" }, { min: 70, grade: "良" }, { min: 60, grade: "中" }, { min: 0, grade: "差" }];

const pos = (value: number, comparator: ">=" | ">" | "≈" = ">=") => ({ comparator, value, direction: "positive" as const, ...(comparator === "≈" ? { tolerance: 0.2 } : {}) });
const neg = (value: number) => ({ comparator: "<=" as const, value, direction: "negative" as const });

describe("budget execution score min(执行数/预算数, 1) × 10", () => {
  it.each([
    [2794.05, 2794.05, 10], // 1 × 10
    [1397.025, 2794.05, 5], // 0.5 × 10
    [2235.24, 2794.05, 8], // 2794.05 × 0.8 = 2235.24 → 8
    [3000, 2794.05, 10], // over budget capped at 1
    [0, 2794.05, 0],
    [606.51, 606.51 * 2, 5], // half of 1213.02
    [100, 0, 0], // no budget: nothing to score
  ])("executed %f of %f → %f", (e, b, s) => expect(executionScore(e, b)).toBeCloseTo(s, 9));
});

describe("正向 quantitative: A ≥ T → w, else A/T·w", () => {
  it.each([
    // T, A, w, score
    [800, 800, 1.8, 1.8],
    [800, 1000, 1.8, 1.8], // above target: still w
    [800, 600, 1.8, 1.35], // 600/800 = 0.75; 0.75 × 1.8 = 1.35
    [98, 96.04, 1.8, 1.764], // 96.04/98 = 0.98; × 1.8 = 1.764
    [5000, 4000, 2, 1.6], // 0.8 × 2
    [24, 18, 2, 1.5], // 0.75 × 2
    [1000, 0, 1.84, 0],
    [2, 1, 1.84, 0.92], // 0.5 × 1.84
    [160, 120, 1.83, 1.3725], // 0.75 × 1.83
  ])("T %f, A %f, w %f → %f", (T, A, w, s) => expect(quantitativeFraction(pos(T), A) * w).toBeCloseTo(s, 9));
  it("'>' is scored like ≥: 100篇 of >100篇 earns the full weight; 85 earns 85%", () => {
    expect(quantitativeFraction(pos(100, ">"), 100) * 1.8).toBeCloseTo(1.8, 9);
    expect(quantitativeFraction(pos(100, ">"), 85) * 1.8).toBeCloseTo(1.53, 9); // 0.85 × 1.8
  });
});

describe("反向 quantitative: A ≤ T → w; T < A < 2T → (1 − (A−T)/T)·w; A ≥ 2T → 0", () => {
  it.each([
    [10, 8, 2, 2],
    [10, 10, 2, 2],
    [10, 12, 2, 1.6], // 1 − 2/10 = 0.8; × 2
    [10, 15, 2, 1], // 1 − 5/10 = 0.5; × 2
    [10, 19, 1.5, 0.15], // 1 − 9/10 = 0.1; × 1.5
    [10, 20, 2, 0], // 2T
    [10, 25, 2, 0],
    [0, 0, 1.83, 1.83], // 预算资金偏离率 0%: exactly 0 earns w
    [0, 0.5, 1.83, 0], // any deviation earns 0
    [0, -3, 1.83, 0], // −3% is as far off as +3%
    [0, 1, 1.84, 0], // 零差错 with one error
  ])("T %f, A %f, w %f → %f", (T, A, w, s) => expect(quantitativeFraction(neg(T), A) * w).toBeCloseTo(s, 9));
  it("等于 0: A = 0 → w, else 0", () => {
    expect(quantitativeFraction({ comparator: "=", value: 0, direction: "positive" }, 0) * 1.84).toBeCloseTo(1.84, 9);
    expect(quantitativeFraction({ comparator: "=", value: 0, direction: "positive" }, 2) * 1.84).toBe(0);
  });
});

describe("≈ targets (15场左右, ±20%)", () => {
  it.each([
    [15, 12, 1.84, 1.84], // 15 × 0.8 = 12: inside the band
    [15, 11, 1.5, 1.1], // 11/15 = 0.7333…; × 1.5 = 1.1
    [15, 18, 1.84, 1.84],
    [15, 30, 1.84, 1.84], // above the band: full weight (flagged blue by the light instead)
  ])("T %f, A %f, w %f → %f", (T, A, w, s) => expect(quantitativeFraction(pos(T, "≈"), A) * w).toBeCloseTo(s, 9));
});

describe("定性: the score inside the band, default its top", () => {
  it.each([
    ["achieved", undefined, 1.84, bands10, 1.84], // 100% × 1.84
    ["partial", undefined, 2, bands10, 1.6], // 80% × 2
    ["not_achieved", undefined, 2, bands10, 1.2], // 60% × 2
    ["achieved", 0.9, 2, bands10, 1.8], // 90% × 2
    ["partial", 0.7, 1.5, bands10, 1.05], // 70% × 1.5
    ["partial", undefined, 2, bandsJinan, 1.6], // 济南 bands: partial tops at 80%
    ["not_achieved", undefined, 2, bandsJinan, 1], // 50% × 2
  ] as const)("%s (chosen %s), w %f → %f", (band, chosen, w, b, s) => {
    expect(qualitativeFraction(band, b, chosen) * w).toBeCloseTo(s, 9);
  });
  it("a chosen score outside its band is refused", () => {
    expect(() => qualitativeFraction("achieved", bands10, 0.5)).toThrow(ScoreOutOfBandError);
    expect(() => qualitativeFraction("not_achieved", bands10, 0.7)).toThrow(/0%–60%/);
  });
});

describe("compound targets: the mean of their parts", () => {
  it.each([
    [[1, 0.5], 2, 1.5], // (1 + 0.5)/2 = 0.75; × 2
    [[1, 0.75, 0.5], 1.84, 1.38], // 2.25/3 = 0.75; × 1.84 = 1.38
    [[1, 1], 1.83, 1.83],
    [[0], 2, 0],
  ])("%j × %f → %f", (fractions, w, s) => expect(compoundFraction(fractions) * w).toBeCloseTo(s, 9));
});

describe("grades and weights", () => {
  it.each([
    [90, grades, "优"], [89.99, grades, "良"], [80, grades, "良"], [79.99, grades, "中"], [60, grades, "中"], [59.99, grades, "差"],
    [80, grades876, "优"], [75, grades876, "良"], [65, grades876, "中"],
  ] as const)("%f → %s", (total, g, grade) => expect(gradeOf(total, g)).toBe(grade));

  it("equal weights over 49 indicators add up to exactly 90 at 0.01", () => {
    const w = equalWeights(49, 90); // 9000 cents / 49 = 183 rest 33 → 33 × 1.84 + 16 × 1.83 = 60.72 + 29.28
    expect(w.filter((x) => x === 1.84)).toHaveLength(33);
    expect(w.filter((x) => x === 1.83)).toHaveLength(16);
    expect(checkWeights(w, 90)).toEqual({ ok: true, sum: 90, expected: 90 });
    expect(equalWeights(50, 90).every((x) => x === 1.8)).toBe(true);
  });
  it("a weight file that does not add up to 90 is caught", () => {
    expect(checkWeights([30, 30, 29.99], 90)).toEqual({ ok: false, sum: 89.99, expected: 90 });
  });
  it.each([[1.005, 1.01], [1.3725, 1.37], [8.94759, 8.95], [-0.125, -0.13]])("round2(%f) = %f", (n, r) => expect(round2(n)).toBe(r));
});
