// A fifth held-out set, written after the second month-end walk-through: the coming month named
// without a year (12月 in November is this December, in January the one just past), several items in
// one report (十月份15篇，十一月份10篇 — the first is the report, the others are kept in `more`),
// 定性 statuses in other words (已经通过了, 已办结, 搞定了, 还在做; 还没完成 as a statement about a 定性
// indicator), figures quoted in questions (no value), and the numbered choice's contenders — each
// with guards for the opposite reading. None are in the dev or blind sets.
// The labelled messages: tests/nlu/labelled/coming-month-several-items-statuses.jsonl (run by tests/helpers/nlu-cases.ts).
import { describe, expect, it } from "vitest";
import { parseMessage } from "../../src/conversation/nlu/parse.js";
import { contenders } from "../../src/conversation/handlers/resolve-indicator.js";
import { moreItemsText } from "../../src/conversation/replies/more-items.js";
import { describeLabelledSet, nluContext } from "../helpers/nlu-cases.js";

describeLabelledSet("parseMessage: the coming month, several items, 定性 statuses, quoted figures", "coming-month-several-items-statuses", { atLeast: 50 });

describe("the numbered choice's contenders", () => {
  const names = (text: string) => contenders(parseMessage(text, nluContext).candidates).map((c) => c.name);

  it("培训: the two indicators named 培训, not the one whose alias only ties (仲裁培训)", () => {
    expect(names("培训进度")).toEqual(["开办培训", "培训人次"]);
  });

  it("调解: all three hold 调解 in their name and stay", () => {
    expect(names("调解进度")).toHaveLength(3);
  });

  it("drops a candidate far below the best, keeps at least two", () => {
    const c = (name: string, score: number) => ({ id: name.length, name, score });
    expect(contenders([c("a", 0.4), c("b", 0.38), c("c", 0.2)]).map((x) => x.name)).toEqual(["a", "b"]);
    expect(contenders([c("a", 0.4), c("b", 0.1), c("c", 0.05)]).map((x) => x.name)).toEqual(["a", "b"]);
    expect(contenders([c("a", 0.4), c("b", 0.3), c("c", 0.29)]).map((x) => x.name)).toEqual(["a", "b", "c"]);
  });
});

describe("naming the further items back", () => {
  it("one item: confirm this one, then send it alone — with what it shares from the message", () => {
    const more = parseMessage("普法动态十月份15篇，十一月份10篇", nluContext).more!;
    expect(moreItemsText(more, true)).toBe("您的消息中还有“十一月份10篇”，本次只处理第一项。请确认本条后再单独发送该项，例如“新媒体平台建设十一月份10篇”。");
  });

  it("several items, the first refused: send each alone", () => {
    const more = parseMessage("本月普法动态12篇，日报专栏3期，普法教材200本", nluContext).more!;
    expect(moreItemsText(more, false)).toBe("您的消息中还有“日报专栏3期”“普法教材200本”，本次只处理第一项。请单独发送其余各项（每条消息一项）。");
  });
});
