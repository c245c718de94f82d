// Pace lights (issue 13 item 2): one table row per rule, each expected light worked out by hand
// from the bands 0.6 / 0.8 / 1.2 and t = m/12 (comments show the arithmetic).
import { describe, expect, it } from "vitest";
import { computeProgress, type ReportPoint } from "../../src/domain/progress.js";
import { parseTarget } from "../../src/domain/target.js";
import { defaultAggregation } from "../../src/domain/target-assess.js";
import { monthPeriod } from "../../src/domain/reporting-period.js";
import { budgetPace, describeCounts, rollup, timeProgress, type Light } from "../../src/domain/monitoring/lights.js";
import { indicatorLight, neededPerMonth } from "../../src/domain/monitoring/indicator-light.js";
import { owedPeriod } from "../../src/domain/missing.js";

const bands = { red: 0.6, yellow: 0.8, blue: 1.2 };
const statusLights = { done: "green", in_progress: "yellow", not_started: "red" } as const;
const months = { mode: "months", monthsInYear: 12 } as const;

function light(targetText: string, through: number, reports: { m: number; value?: number; unit?: string; status?: string }[], name = "", dueMonths?: number[]) {
  const target = parseTarget(targetText, { indicator: name });
  const points: ReportPoint[] = reports.map((r) => {
    const p = monthPeriod(2021, r.m);
    return { periodStart: p.start, periodEnd: p.end, value: r.value ?? null, unit: r.unit ?? null, status: r.status ?? null };
  });
  const end = monthPeriod(2021, through).end;
  const progress = computeProgress({ target, aggregation: defaultAggregation(target), year: 2021, today: end, range: { start: "2021-01-01", end }, reports: points });
  return indicatorLight({ target, progress, t: timeProgress(through, months), throughMonth: through, bands, statusLights, ...(dueMonths ? { dueMonths } : {}) });
}

describe("time progress", () => {
  it.each([[1, 1 / 12], [6, 0.5], [7, 7 / 12], [12, 1]])("t(%i) = %f", (m, t) => expect(timeProgress(m, months)).toBeCloseTo(t, 12));
  it("refuses a month outside 1–12", () => expect(() => timeProgress(13, months)).toThrow(RangeError));
});

describe("budget light r = 执行率 / t", () => {
  it.each([
    // budget, executed, month, light, ±pp  (hand: rate = e/b; r = rate/t; pp = (rate − t)·100)
    [100, 20, 6, "red", -30], // 0.20/0.5 = 0.4
    [100, 30, 6, "yellow", -20], // 0.30/0.5 = 0.6 → yellow from 0.6
    [100, 39, 6, "yellow", -11], // 0.78
    [100, 40, 6, "green", -10], // 0.8 → green from 0.8
    [100, 70, 6, "green", 20], // 1.4: budgets are never blue
    [2794.05, 1397.025, 6, "green", 0], // exactly half in half a year
    [1200, 350, 7, "red", -29.17], // 350/1200 = 0.291667; /0.583333 = 0.5 < 0.6; pp = 29.17 − 58.33
  ] as const)("budget %f, executed %f through month %i → %s", (b, e, m, l, pp) => {
    const r = budgetPace(e, b, timeProgress(m, months), bands);
    expect(r.light).toBe(l);
    expect(r.pointsVsTime).toBeCloseTo(pp, 2);
  });
  it("no spending figure or no budget is grey", () => {
    expect(budgetPace(null, 100, 0.5, bands).light).toBe("grey");
    expect(budgetPace(10, 0, 0.5, bands).light).toBe("grey");
  });
});

describe("indicator light", () => {
  it.each([
    // 正向 count ≥800 through July: T·t = 800·7/12 = 466.67
    ["值班人次≥800人", 7, [{ m: 3, value: 200, unit: "人次" }, { m: 6, value: 200, unit: "人次" }], "green"], // 400/466.67 = 0.857
    ["值班人次≥800人", 7, [{ m: 7, value: 300, unit: "人次" }], "yellow"], // 0.643
    ["值班人次≥800人", 7, [{ m: 7, value: 200, unit: "人次" }], "red"], // 0.429
    ["值班人次≥800人", 7, [{ m: 7, value: 600, unit: "人次" }], "blue"], // 1.286 ≥ 1.2
    ["值班人次≥800人", 7, [{ m: 8, value: 600, unit: "人次" }], "grey"], // August data is not in 1–7月
    ["值班人次≥800人", 7, [], "grey"], // silence is grey, never red
    // rates (latest) against T without t
    ["98%", 7, [{ m: 7, value: 98.5, unit: "%" }], "green"],
    ["98%", 7, [{ m: 7, value: 97, unit: "%" }], "yellow"], // not met; 97/98 ≥ 0.8 → capped at yellow
    ["98%", 7, [{ m: 7, value: 50, unit: "%" }], "red"], // 0.51
    // 反向
    ["0%", 7, [{ m: 7, value: 0, unit: "%" }], "green"],
    ["0%", 7, [{ m: 7, value: 2, unit: "%" }], "red"],
    ["组织零差错考试", 7, [{ m: 6, value: 0 }], "green"],
    ["组织零差错考试", 7, [{ m: 6, value: 1 }], "red"],
    // ≈ 15场左右 through June: T·t = 7.5, band ±20% → 6–9
    ["15场左右", 6, [{ m: 6, value: 7, unit: "场" }], "green"], // 0.933
    ["15场左右", 6, [{ m: 6, value: 10, unit: "场" }], "blue"], // 1.333 above the band
    ["15场左右", 6, [{ m: 6, value: 5, unit: "场" }], "yellow"], // 0.667
    ["15场左右", 6, [{ m: 6, value: 4, unit: "场" }], "red"], // 0.533
    // 定性 by the last status
    ["应做尽做", 7, [{ m: 3, status: "not_started" }, { m: 6, status: "done" }], "green"],
    ["应做尽做", 7, [{ m: 6, status: "in_progress" }], "yellow"],
    ["应做尽做", 7, [{ m: 6, status: "not_started" }], "red"],
    ["应做尽做", 7, [], "grey"],
    ["办案人员参加相关培训，计划举办XX场次", 7, [{ m: 6, status: "done" }], "grey"], // 待定
  ] as const)("%s through month %i → %s", (target, m, reports, expected) => {
    expect(light(target, m, [...reports]).light).toBe(expected);
  });

  it("says blue targets may be set too low and counts what is left", () => {
    const l = light("值班人次≥800人", 7, [{ m: 7, value: 600, unit: "人次" }]);
    expect(l.note).toBe("目标可能偏低");
    expect(l.remaining).toBe(200);
  });

  it.each([
    // 动员部署(3月)、年中调度(7月)、年底考核(12月)各1次: due by month m = count of due months ≤ m
    [7, 2, "green"], // 2 due, 2 done
    [7, 1, "red"], // 2 due, 1 done
    [2, 0, "green"], // nothing due yet, a 0 was reported
    [12, 3, "green"],
  ] as const)("milestones through month %i with %i done → %s", (m, done, expected) => {
    const l = light("动员部署、年中调度、年底考核各1次", m, [{ m: 1, value: done, unit: "次" }], "", [3, 7, 12]);
    expect(l.light).toBe(expected);
  });

  it.each([
    [400, 7, 80], // 400 left over 5 months
    [536, 8, 134],
    [1, 7, 1], // rounded up
    [0, 7, null],
    [100, 12, null],
  ] as const)("%i left after month %i → %s per month", (left, m, per) => expect(neededPerMonth(left, m)).toBe(per));
});

describe("rollup = worst child, with counts", () => {
  it.each([
    [["red", "grey", "green"], "red", "🔴1 🟢1 ⚪1"],
    [["grey", "grey"], "grey", "⚪2"],
    [["green", "blue"], "green", "🟢1 🔵1"],
    [["blue"], "blue", "🔵1"],
    [["yellow", "green", "blue", "yellow"], "yellow", "🟡2 🟢1 🔵1"],
    [[], "grey", ""],
  ] as const)("%j → %s", (children, expected, counts) => {
    const r = rollup(children as readonly Light[]);
    expect(r.light).toBe(expected);
    expect(describeCounts(r.counts)).toBe(counts);
  });
});

describe("grey comes from the one definition of missing (domain/missing.ts)", () => {
  // 值班人次≥800人, through July: Jan–June reported (600), July not. Computed it would be
  // 600/(800·7/12) = 1.29 blue; but July is owed (missingOn asks for 2021-07 on 08-01) → grey.
  const target = parseTarget("≥800人", { indicator: "值班人次" });
  const points: ReportPoint[] = [1, 2, 3, 4, 5, 6].map((m) => ({ periodStart: monthPeriod(2021, m).start, periodEnd: monthPeriod(2021, m).end, value: 100, unit: "人", status: null }));
  const end = monthPeriod(2021, 7).end;
  const progress = computeProgress({ target, aggregation: defaultAggregation(target), year: 2021, today: end, range: { start: "2021-01-01", end }, reports: points });
  const ind = { cadence: null, aggregation: defaultAggregation(target) };
  const standing = points.map((p) => ({ periodStart: p.periodStart, periodEnd: p.periodEnd }));
  const input = { target, progress, t: timeProgress(7, months), throughMonth: 7, bands, statusLights };

  it("an owed month makes the light grey with the period named, never red or blue by silence", () => {
    const owed = owedPeriod(ind, standing, 2021, "2021-08-01");
    expect(owed?.label).toBe("2021年7月");
    expect(indicatorLight({ ...input, owed: owed!.label })).toMatchObject({ light: "grey", note: "2021年7月未报" });
  });

  it("once July is reported the light is computed again", () => {
    const july = { periodStart: monthPeriod(2021, 7).start, periodEnd: monthPeriod(2021, 7).end };
    expect(owedPeriod(ind, [...standing, july], 2021, "2021-08-01")).toBeNull();
    expect(indicatorLight({ ...input, owed: null }).light).toBe("blue"); // 600 / 466.67 = 1.29 ≥ 1.2
  });
});
