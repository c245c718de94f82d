import { describe, expect, it } from "vitest";
import { canReport } from "../../src/domain/permissions.js";

const ind = { name: "调解成功率", sectionId: 8, sectionName: "人民参与和促进法治科" };

describe("canReport", () => {
  it.each([
    ["staff of the owner section", { role: "staff" as const, sectionId: 8 }, true],
    ["head of the owner section", { role: "head" as const, sectionId: 8 }, true],
    ["staff of another section", { role: "staff" as const, sectionId: 3 }, false],
    ["head of another section", { role: "head" as const, sectionId: 3 }, false],
    ["staff without a section", { role: "staff" as const, sectionId: null }, false],
    ["an admin of any section", { role: "admin" as const, sectionId: 1 }, true],
    ["an admin without a section", { role: "admin" as const, sectionId: null }, true],
  ])("%s → %s", (_name, actor, allowed) => {
    expect(canReport(actor, ind).allowed).toBe(allowed);
  });

  it("a refusal names the owner section", () => {
    const r = canReport({ role: "staff", sectionId: 3 }, ind);
    expect(r.allowed ? "" : r.reason).toMatch(/由人民参与和促进法治科负责/);
  });
});
