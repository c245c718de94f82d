// The reminder card's way to report (issue 12 item 3): an example with the recipient's own
// indicators (alias + unit, X for the figure) everywhere; the 填报 button only where asked (Feishu).
import { describe, expect, it } from "vitest";
import { makeCycle } from "../../src/domain/reporting-calendar.js";
import { readHolidays } from "../../src/reminders/holidays-file.js";
import { howToReport, reminderCard } from "../../src/reminders/card.js";
import type { DueIndicator } from "../../src/reminders/missing.js";

const cycle = makeCycle(readHolidays(), 2021, 11, 5);
const period = cycle.periods.monthly!;
const due = (id: number, name: string, alias: string, unit: string | null): DueIndicator => ({ id, code: `c${id}`, name, sectionId: 1, ownerUserId: null, period, alias, unit });
const mine = [due(1, "调解成功率", "调解成功率", "%"), due(2, "持续提升人民调解影响力", "百姓调解", "期"), due(3, "推进一站式调解中心建设", "一站式调解中心", "人")];

describe("how to report, in the reminder", () => {
  it("names the recipient's own first two indicators with their units", () => {
    expect(howToReport(mine)).toBe("直接回复，例如：调解成功率X%，百姓调解X期（X 换成实际数字）");
  });
  it("a 定性 indicator is reported as 已完成", () => {
    expect(howToReport([due(4, "法治建设责任落实", "法治建设责任", null)])).toBe("直接回复，例如：法治建设责任已完成");
  });
  it("DingTalk / web chat: no button; Feishu: the 填报 button carrying the cycle", () => {
    const plain = reminderCard({ cycle, stage: "before-3", personal: false, missing: mine });
    expect(plain.buttons).toBeUndefined();
    expect(plain.footer).toBe(howToReport(mine));
    const feishu = reminderCard({ cycle, stage: "before-3", personal: false, missing: mine, form: true });
    expect(feishu.buttons).toEqual([{ label: "填报", value: { action: "report_form", token: "2021-11" }, style: "primary" }]);
  });
});
