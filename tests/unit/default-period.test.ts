// domain/default-period.ts: the period a report naming none is for.
import { describe, expect, it } from "vitest";
import { defaultReportPeriod } from "../../src/domain/default-period.js";

const monthly = { cadence: "monthly" as const, aggregation: "sum" as const };
const rate = { cadence: null, aggregation: "latest" as const };
const status = { cadence: null, aggregation: "status" as const };
const span = (p: { start: string; end: string }) => `${p.start}..${p.end}`;

describe("defaultReportPeriod", () => {
  it("is the last completed month while it has no standing report (open or overdue)", () => {
    expect(defaultReportPeriod({ ...monthly, reported: [] }, "2021-12-01")).toMatchObject({ label: "2021年11月", owed: true, kind: "month" });
    expect(span(defaultReportPeriod({ ...monthly, reported: [] }, "2021-11-15"))).toBe("2021-10-01..2021-10-31");
  });
  it("is the current month once the last completed one stands", () => {
    const reported = [{ periodStart: "2021-11-01", periodEnd: "2021-11-30" }];
    expect(defaultReportPeriod({ ...monthly, reported }, "2021-12-01")).toMatchObject({ label: "2021年12月", owed: false });
  });
  it("a rate reported for a later period owes nothing for the earlier one (as-of values)", () => {
    const reported = [{ periodStart: "2021-12-01", periodEnd: "2021-12-31" }];
    expect(defaultReportPeriod({ ...rate, reported }, "2021-12-03").label).toBe("2021年12月");
  });
  it("follows a quarterly cadence: 定性 indicators default to the last completed quarter", () => {
    expect(defaultReportPeriod({ ...status, reported: [] }, "2021-10-08")).toMatchObject({ label: "2021年第三季度", kind: "quarter" });
  });
  it("in January (last year's December belongs to last year's table) is the current month", () => {
    expect(defaultReportPeriod({ ...monthly, reported: [] }, "2022-01-04").label).toBe("2022年1月");
  });
});
