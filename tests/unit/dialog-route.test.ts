// routeIntent on hand-built ParsedMessage values: a number is a choice only while one is pending.
import { describe, expect, it } from "vitest";
import { routeIntent } from "../../src/conversation/dialog/route.js";
import type { ParsedMessage } from "../../src/conversation/nlu/types.js";
import type { Pending } from "../../src/conversation/dialog/pending-state.js";

const parsed = (p: Partial<ParsedMessage>): ParsedMessage => ({
  text: "", intent: "unknown", indicator: null, candidates: [], value: null, unit: null, period: null, ownSection: false, choice: null, status: null, ...p,
});
const choosing: Pending = {
  kind: "choose_indicator",
  token: "t",
  candidates: [{ id: 1, name: "a" }, { id: 2, name: "b" }],
  original: { intent: "report_progress", text: "本月培训30人次", value: 30, unit: "人次", status: null, ownSection: false, period: null },
};
const confirming: Pending = {
  kind: "confirm_report",
  token: "t",
  draft: {
    indicatorId: 1, periodStart: "2021-11-01", periodEnd: "2021-11-30", periodLabel: "2021年11月", value: 1, unit: "篇", status: null,
    withdrawn: false, supersedesId: null, previous: null, action: "new", rawText: "",
  },
};

describe("routeIntent", () => {
  it.each([
    ["a choice while choosing", parsed({ intent: "choose", choice: 2 }), choosing, "choose"],
    ["a bare number the parser left unknown, while choosing", parsed({ intent: "unknown", choice: 2 }), choosing, "choose"],
    ["a choice with nothing pending", parsed({ intent: "choose", choice: 2 }), null, "unknown"],
    ["a choice while a report waits for 确认", parsed({ intent: "choose", choice: 2 }), confirming, "unknown"],
    ["确认 while confirming", parsed({ intent: "confirm" }), confirming, "confirm"],
    ["a new report while choosing", parsed({ intent: "report_progress", value: 3 }), choosing, "report_progress"],
    ["a question while confirming", parsed({ intent: "query_target" }), confirming, "query_target"],
  ] as const)("%s → %s", (_name, p, pending, intent) => {
    expect(routeIntent(p, pending)).toBe(intent);
  });
});
