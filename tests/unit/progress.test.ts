// computeProgress: aggregation by target type, completion, pace against time, period restriction.
import { describe, expect, it } from "vitest";
import { computeProgress, type ReportPoint } from "../../src/domain/progress.js";
import { parseTarget } from "../../src/domain/target.js";
import { monthPeriod } from "../../src/domain/reporting-period.js";

const month = (m: number, value: number | null, unit: string | null, status: string | null = null): ReportPoint => {
  const p = monthPeriod(2021, m);
  return { periodStart: p.start, periodEnd: p.end, value, unit, status };
};
const base = { year: 2021, today: "2021-11-15" };

describe("computeProgress", () => {
  it("sums counts and compares completion with elapsed time", () => {
    const reports = Array.from({ length: 10 }, (_, i) => month(i + 1, 400, "人次"));
    const p = computeProgress({ ...base, target: parseTarget("培训人次≥5000人"), aggregation: "sum", reports });
    expect(p.actual).toBe(4000);
    expect(p.unit).toBe("人次");
    expect(p.completion).toBeCloseTo(0.8);
    expect(p.timeProgress).toBeCloseTo(319 / 365);
    expect(p.pace).toBe("behind");
  });

  it.each([
    [4400, "on_track"],
    [4800, "ahead"],
    [5000, "met"],
  ] as const)("a sum of %s by mid-November is %s", (total, pace) => {
    const p = computeProgress({ ...base, target: parseTarget("培训人次≥5000人"), aggregation: "sum", reports: [month(10, total, "人次")] });
    expect(p.pace).toBe(pace);
  });

  it("takes the latest value for rates", () => {
    const p = computeProgress({ ...base, target: parseTarget("98%"), aggregation: "latest", reports: [month(9, 99.5, "%"), month(10, 97, "%")] });
    expect(p.actual).toBe(97);
    expect(p.pace).toBe("behind");
    expect(p.completion).toBeCloseTo(97 / 98);
  });

  it("takes the latest status for 定性", () => {
    const target = parseTarget("七五普法验收合格");
    expect(computeProgress({ ...base, target, aggregation: "status", reports: [month(9, null, null, "in_progress")] }).pace).toBe("in_progress");
    expect(computeProgress({ ...base, target, aggregation: "status", reports: [month(9, null, null, "in_progress"), month(10, null, null, "done")] }).pace).toBe("met");
    expect(computeProgress({ ...base, target, aggregation: "status", reports: [] }).pace).toBe("no_data");
  });

  it("restricts to a named period and measures time up to its end", () => {
    const reports = Array.from({ length: 10 }, (_, i) => month(i + 1, 400, "人次"));
    const p = computeProgress({ ...base, target: parseTarget("培训人次≥5000人"), aggregation: "sum", reports, range: { start: "2021-01-01", end: "2021-06-30" } });
    expect(p.actual).toBe(2400);
    expect(p.asOf).toBe("2021-06-30");
    expect(p.points).toHaveLength(6);
  });

  it("has no data without reports", () => {
    expect(computeProgress({ ...base, target: parseTarget("发布专栏24期"), aggregation: "sum", reports: [] })).toMatchObject({ actual: null, pace: "no_data" });
  });
});
