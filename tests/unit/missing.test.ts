// The one definition of "missing" (src/domain/missing.ts), rule by rule.
import { describe, expect, it } from "vitest";
import { cadenceOf, latestDuePeriod, owedPeriod } from "../../src/domain/missing.js";

const oct = { periodStart: "2021-10-01", periodEnd: "2021-10-31" };
const nov = { periodStart: "2021-11-01", periodEnd: "2021-11-30" };
const q3 = { periodStart: "2021-07-01", periodEnd: "2021-09-30" };

describe("cadenceOf", () => {
  it("takes the indicator's own cadence first, else quarterly for 定性 and monthly otherwise", () => {
    expect(cadenceOf({ cadence: null, aggregation: "status" })).toBe("quarterly");
    expect(cadenceOf({ cadence: null, aggregation: "latest" })).toBe("monthly");
    expect(cadenceOf({ cadence: null, aggregation: "sum" })).toBe("monthly");
    expect(cadenceOf({ cadence: "yearly", aggregation: "sum" })).toBe("yearly");
  });
});

describe("latestDuePeriod: a period is due from the day after it ends", () => {
  it.each([
    ["monthly", 2021, "2021-11-15", "2021-10"],
    ["monthly", 2021, "2021-11-01", "2021-10"],
    ["monthly", 2021, "2021-10-31", "2021-09"],
    ["monthly", 2021, "2021-01-20", null],
    ["monthly", 2021, "2022-01-04", "2021-12"],
    ["quarterly", 2021, "2021-11-15", "2021-Q3"],
    ["quarterly", 2021, "2021-03-31", null],
    ["quarterly", 2021, "2022-01-04", "2021-Q4"],
    ["yearly", 2021, "2021-12-31", null],
    ["yearly", 2021, "2022-01-01", "2021"],
  ] as const)("%s of %i on %s → %s", (cadence, year, day, key) => {
    expect(latestDuePeriod(cadence, year, day)?.key ?? null).toBe(key);
  });
});

describe("owedPeriod", () => {
  const today = "2021-11-15";
  it.each([
    ["a monthly count without reports", { cadence: null, aggregation: "sum" as const }, [], "2021年10月"],
    ["a monthly count reported for October", { cadence: null, aggregation: "sum" as const }, [oct], null],
    ["a monthly count reported only for November", { cadence: null, aggregation: "sum" as const }, [nov], "2021年10月"],
    ["a rate reported for November (as-of value)", { cadence: null, aggregation: "latest" as const }, [nov], null],
    ["a 定性 indicator (quarterly) without reports", { cadence: null, aggregation: "status" as const }, [], "2021年第三季度"],
    ["a 定性 indicator reported for Q3", { cadence: null, aggregation: "status" as const }, [{ ...q3, status: "in_progress" }], null],
    ["a 定性 indicator 推进中 in Q2 only", { cadence: null, aggregation: "status" as const }, [{ periodStart: "2021-04-01", periodEnd: "2021-06-30", status: "in_progress" }], "2021年第三季度"],
    ["an exempt 定性 indicator: 已完成 in Q2", { cadence: null, aggregation: "status" as const }, [{ periodStart: "2021-04-01", periodEnd: "2021-06-30", status: "done" }], null],
    ["a yearly indicator within its year", { cadence: "yearly" as const, aggregation: "sum" as const }, [], null],
  ])("%s → %s", (_name, ind, reports, label) => {
    expect(owedPeriod(ind, reports, 2021, today)?.label ?? null).toBe(label);
  });

  it("asks about the table's year after it ended (January: December, Q4 and the year)", () => {
    expect(owedPeriod({ cadence: "yearly", aggregation: "sum" }, [], 2021, "2022-01-04")?.label).toBe("2021年");
    expect(owedPeriod({ cadence: null, aggregation: "sum" }, [oct], 2021, "2022-01-04")?.label).toBe("2021年12月");
  });
});
