// validateReport: every refusal rule with a reason, and what passes (table-driven).
import { describe, expect, it } from "vitest";
import { validateReport, type IndicatorRules, type ReportInput } from "../../src/domain/report-validation.js";
import { parseTarget } from "../../src/domain/target.js";

const rate: IndicatorRules = { name: "调解成功率", typedTarget: parseTarget("98%"), aggregation: "latest", cadence: null, year: 2021 };
const count: IndicatorRules = { name: "新媒体平台建设", typedTarget: parseTarget("普法动态大于100篇"), aggregation: "sum", cadence: null, year: 2021 };
const people: IndicatorRules = { name: "培训人次", typedTarget: parseTarget("培训人次≥5000人"), aggregation: "sum", cadence: null, year: 2021 };
const qualitative: IndicatorRules = { name: "开展七五普法验收", typedTarget: parseTarget("七五普法验收合格"), aggregation: "status", cadence: null, year: 2021 };

const nov = { start: "2021-11-01", end: "2021-11-30", label: "2021年11月" };
const today = "2021-11-15";
const input = (p: Partial<ReportInput>): ReportInput => ({ value: null, unit: null, status: null, period: nov, ...p });

describe("validateReport", () => {
  it.each([
    ["rate above 100%", rate, input({ value: 101, unit: "%" }), /不能超过100%/],
    ["negative rate", rate, input({ value: -1, unit: "%" }), /不能为负数/],
    ["negative count", count, input({ value: -3, unit: "篇" }), /不能为负数/],
    ["fraction of 篇", count, input({ value: 2.5, unit: "篇" }), /应为整数/],
    ["fraction of 人次", people, input({ value: 10.5, unit: "人次" }), /应为整数/],
    ["篇 for a % indicator", rate, input({ value: 12, unit: "篇" }), /单位“篇”.*不符/],
    ["% for a count", count, input({ value: 50, unit: "%" }), /单位“%”.*不符/],
    ["bare number for 定性", qualitative, input({ value: 3 }), /定性指标.*已完成.*推进中/],
    ["status for a count", count, input({ status: "done" }), /需要报送具体数值（单位：篇）/],
    ["future period", rate, input({ value: 99, unit: "%", period: { start: "2021-12-01", end: "2021-12-31", label: "2021年12月" } }), /尚未开始/],
    ["another year", rate, input({ value: 99, unit: "%", period: { start: "2020-12-01", end: "2020-12-31", label: "2020年12月" } }), /2021年度/],
    ["cumulative period for a count", count, input({ value: 120, unit: "篇", period: { start: "2021-01-01", end: "2021-10-31", label: "2021年1-10月" } }), /按月报送.*自动汇总/],
  ])("refuses %s", (_name, ind, report, reason) => {
    const r = validateReport(ind, report, today);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it.each([
    ["a rate", rate, input({ value: 99.2, unit: "%" }), { value: 99.2, unit: "%" }],
    ["a bare number takes the target's unit", rate, input({ value: 99.2 }), { value: 99.2, unit: "%" }],
    ["人次 against a target in 人", people, input({ value: 420, unit: "人次" }), { value: 420, unit: "人次" }],
    ["0 篇", count, input({ value: 0, unit: "篇" }), { value: 0 }],
    ["a status", qualitative, input({ status: "done" }), { status: "done", value: null }],
    ["a yearly rate", rate, input({ value: 99.1, unit: "%", period: { start: "2021-01-01", end: "2021-12-31", label: "2021年" } }), { value: 99.1 }],
    ["a quarter for a quarterly count", { ...count, cadence: "quarterly" as const }, input({ value: 30, unit: "篇", period: { start: "2021-07-01", end: "2021-09-30", label: "2021年第三季度" } }), { value: 30 }],
  ])("accepts %s", (_name, ind, report, expected) => {
    expect(validateReport(ind, report, today)).toMatchObject({ ok: true, ...expected });
  });
});
