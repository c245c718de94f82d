import { describe, expect, it } from "vitest";
import { missingPeriod } from "../../src/domain/overdue.js";
import { lastClosedPeriod } from "../../src/domain/reporting-period.js";

const oct = { periodStart: "2021-10-01", periodEnd: "2021-10-31" };
const nov = { periodStart: "2021-11-01", periodEnd: "2021-11-30" };
const q3 = { periodStart: "2021-07-01", periodEnd: "2021-09-30" };

describe("lastClosedPeriod", () => {
  it.each([
    ["monthly", { year: 2021, month: 11 }, "2021-10-01"],
    ["monthly", { year: 2021, month: 1 }, null],
    ["quarterly", { year: 2021, month: 11 }, "2021-07-01"],
    ["quarterly", { year: 2021, month: 3 }, null],
    ["yearly", { year: 2021, month: 11 }, null],
  ] as const)("%s at %o → %s", (cadence, today, start) => {
    expect(lastClosedPeriod(cadence, today)?.start ?? null).toBe(start);
  });
});

describe("missingPeriod", () => {
  const today = "2021-11-15";
  it.each([
    ["a monthly count without reports", { cadence: null, aggregation: "sum" as const, reported: [] }, "2021年10月"],
    ["a monthly count reported for October", { cadence: null, aggregation: "sum" as const, reported: [oct] }, null],
    ["a monthly count reported only for November", { cadence: null, aggregation: "sum" as const, reported: [nov] }, "2021年10月"],
    ["a rate reported for November (as-of value)", { cadence: null, aggregation: "latest" as const, reported: [nov] }, null],
    ["a 定性 indicator (quarterly) without reports", { cadence: null, aggregation: "status" as const, reported: [] }, "2021年第三季度"],
    ["a 定性 indicator reported for Q3", { cadence: null, aggregation: "status" as const, reported: [q3] }, null],
    ["a yearly indicator", { cadence: "yearly" as const, aggregation: "sum" as const, reported: [] }, null],
  ])("%s → %s", (_name, ind, label) => {
    expect(missingPeriod(ind, today)?.label ?? null).toBe(label);
  });
});
