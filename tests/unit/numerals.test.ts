// Issue 12, item 4: the one number grammar (src/domain/numerals.ts) as a table of real-looking
// inputs, read the way a chat message is (normalizeText → findNumbers). A row: input → value, unit,
// and the problem when it is no number to store (estimate, range) or a negative.
import { describe, expect, it } from "vitest";
import { findNumbers } from "../../src/conversation/nlu/numbers.js";
import { normaliseMessageText } from "../../src/conversation/nlu/text-features.js";
import { parseNumeral, normaliseNumberText } from "../../src/domain/numerals.js";
import { parseTarget } from "../../src/domain/target.js";

type Row = [input: string, value: number, unit: string | null, problem?: "vague" | "range"];

const ROWS: Row[] = [
  // mixed Arabic + Chinese multipliers
  ["本月培训人次2万5千人", 25000, "人"], ["3千5百人", 3500, "人"], ["1千零5件", 1005, "件"], ["1百01本", 101, "本"],
  ["2万5", 25000, null], ["1.5万人次", 15000, "人次"], ["0.8万册", 8000, "册"], ["3千", 3000, null], ["5百人", 500, "人"],
  ["1万2千3百人次", 12300, "人次"], ["1万零8百", 10800, null], ["12万", 120000, null], ["2千零20人", 2020, "人"],
  ["1亿", 100000000, null], ["3百六十五天", 365, "天"], ["2千两百人", 2200, "人"],
  // Chinese numerals
  ["两千两百二十五人次", 2225, "人次"], ["廿三期", 23, "期"], ["卅场", 30, "场"], ["廿", 20, null], ["一万二", 12000, null],
  ["千二", 1200, null], ["八百二", 820, null], ["三百零五", 305, null], ["一万零五十", 10050, null], ["十二篇", 12, "篇"],
  ["一百一十", 110, null], ["两万", 20000, null], ["四十五名", 45, "名"], ["九十八点五", 98.5, null], ["一点五万", 15000, null],
  ["两点五万人次", 25000, "人次"], ["零点五", 0.5, null], ["二零二一", 2021, null], ["一千零一", 1001, null], ["十", 10, null],
  ["十一期", 11, "期"], ["一百", 100, null], ["六十万", 600000, null], ["三千五百本", 3500, "本"],
  // full width, separators, invisible characters from copy-paste
  ["１２篇", 12, "篇"], ["９９．２％", 99.2, "%"], ["1,200人次", 1200, "人次"], ["1，200人次", 1200, "人次"],
  ["12,345", 12345, null], ["4 150人次", 4150, "人次"], ["99\u200b.2%", 99.2, "%"], ["9\u200d9.2%", 99.2, "%"],
  ["\ufeff98.5%", 98.5, "%"], ["12\u00a0篇", 12, "篇"], ["1\u00ad200人", 1200, "人"], ["１，５００人次", 1500, "人次"],
  ["99.2\u2060%", 99.2, "%"], ["3\u3000期", 3, "期"],
  // the IME full stop or 点 between digits as the decimal point
  ["99。2%", 99.2, "%"], ["98。75%", 98.75, "%"], ["99点2%", 99.2, "%"], ["0。5%", 0.5, "%"],
  // percentages
  ["百分之九十九点五", 99.5, "%"], ["百分之百", 100, "%"], ["百分之99", 99, "%"], ["百分之一点五", 1.5, "%"], ["98％", 98, "%"],
  ["5个百分点", 5, "%"], ["千分之五", 0.5, "%"], ["百分之零点五", 0.5, "%"], ["99.2 %", 99.2, "%"], ["百分之九十", 90, "%"],
  ["百分之百完成", 100, "%"],
  // estimates: no number
  ["十几篇", 0, "篇", "vague"], ["几十人", 0, "人", "vague"], ["几百人次", 0, "人次", "vague"], ["二十几期", 0, "期", "vague"],
  ["数十场", 0, "场", "vague"], ["上百人", 0, "人", "vague"], ["二三十场", 0, "场", "vague"], ["三五个", 0, "个", "vague"],
  ["好几千人", 0, "人", "vague"], ["两三期", 0, "期", "vague"],
  // ranges: no number
  ["10-15篇", 10, "篇", "range"], ["10到15人", 10, "人", "range"], ["十至十五场", 10, "场", "range"], ["3~5期", 3, "期", "range"],
  ["98%-99%", 98, "%", "range"], ["98-99%", 98, "%", "range"], ["100～120人次", 100, "人次", "range"],
  // negatives keep their sign (the validation refuses them with a reason)
  ["-3篇", -3, "篇"], ["负5人", -5, "人"],
];

describe("numerals: one grammar for every way office staff write numbers", () => {
  it("has at least 80 rows", () => expect(ROWS.length).toBeGreaterThanOrEqual(80));
  it.each(ROWS)("%s → %s %s %s", (input, value, unit, problem) => {
    const [first, ...rest] = findNumbers(normaliseMessageText(input));
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ value, unit });
    expect(first!.problem?.kind).toBe(problem);
  });
});

describe("numerals: what is no number", () => {
  it.each(["万", "百", "三点", "点五", "3五", "abc", "千百"])("parseNumeral(%s) = null", (s) => expect(parseNumeral(s)).toBeNull());
  it.each(["参训人数十二人", "百姓调解12期", "上百姓调解", "下午3点30开会"])("%s has no estimate", (s) =>
    expect(findNumbers(normaliseMessageText(s)).some((n) => n.problem)).toBe(false),
  );
  it("keeps times and dates as written", () => {
    expect(normaliseNumberText("下午3点30开会")).toBe("下午3点30开会");
    expect(normaliseNumberText("3点30分")).toBe("3点30分");
    expect(normaliseNumberText("完成了12。10月再报")).toBe("完成了12。10月再报");
  });
});

describe("the same grammar reads goal-table targets", () => {
  it.each([
    ["培训不少于2万5千人次", 25000, "人次"], ["≥1.5万册", 15000, "册"], ["不少于3千5百人", 3500, "人"], ["预算50万元以内", 50, "万元"],
    ["两千两百二十五人", 2225, "人"], ["1,200人次", 1200, "人次"], ["98\u200b%", 98, "%"],
  ] as const)("%s", (text, value, unit) => {
    expect(parseTarget(text).parts[0]).toMatchObject({ kind: "quantitative", value, unit });
  });
});
