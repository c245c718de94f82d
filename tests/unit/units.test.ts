// The one unit list (src/domain/units.ts) and its three readers: a chat message (unitAt, through
// findNumbers), a goal table's target (parseTarget) and report validation (counted units take whole
// numbers). Pins which units each reader knows, so a unit added to the list reaches all of them.
import { describe, expect, it } from "vitest";
import { findNumbers } from "../../src/conversation/nlu/numbers.js";
import { unitAt } from "../../src/conversation/nlu/unit-reading.js";
import { parseTarget } from "../../src/domain/target.js";
import { validateReport } from "../../src/domain/report-validation.js";
import { isCountedUnit, TARGET_UNITS, UNIT_SYNONYMS, UNITS, unitStartsWords } from "../../src/domain/units.js";

const sorted = (xs: readonly string[]) => [...xs].sort();

describe("the unit list", () => {
  it("holds every unit once, longest first", () => {
    expect(new Set(UNITS).size).toBe(UNITS.length);
    expect(UNITS.every((u, i) => i === 0 || UNITS[i - 1]!.length >= u.length)).toBe(true);
    expect(sorted(UNITS)).toEqual(sorted([
      "%", "万元", "元", "人次", "人", "名", "位", "篇", "期", "场次", "场", "版面", "本", "册", "个", "项", "件", "次",
      "家", "处", "所", "户", "份", "条", "批", "天", "学时", "课时", "小时", "部", "版", "卷", "宗", "分",
    ]));
  });

  it("targets are read with all but 部, 版, 卷, 宗 and 分", () => {
    expect(sorted(UNITS.filter((u) => !TARGET_UNITS.includes(u)))).toEqual(sorted(["部", "版", "卷", "宗", "分"]));
  });

  it("counted units are the ones counted one by one (not %, money, time or a score)", () => {
    expect(sorted(UNITS.filter((u) => !isCountedUnit(u)))).toEqual(sorted(["%", "万元", "元", "天", "学时", "课时", "小时", "分"]));
  });

  it("the one-character units that start ordinary words", () => {
    expect(sorted(UNITS.filter(unitStartsWords))).toEqual(sorted(["分", "部", "版", "批", "户"]));
  });
});

describe("a chat message reads every unit of the list", () => {
  it.each(UNITS.filter((u) => !(u in UNIT_SYNONYMS)))("%s", (u) => {
    expect(unitAt(`${u}。`)).toEqual({ unit: u, length: u.length });
  });

  // In a message 万 belongs to the number: "3万元" is 30000 元 (a target keeps 3 万元).
  it.each(UNITS.filter((u) => !(u in UNIT_SYNONYMS) && u !== "万元"))("共3%s", (u) => {
    expect(findNumbers(`共3${u}`).map((n) => [n.value, n.unit])).toEqual([[3, u]]);
  });

  it.each(Object.entries(UNIT_SYNONYMS))("%s is read as %s", (written, unit) => {
    expect(unitAt(written)?.unit).toBe(unit);
  });

  it("位置 / 位于 are no unit; 部门 and 分钟 are words", () => {
    expect(unitAt("位置")).toBeNull();
    expect(unitAt("位于")).toBeNull();
    expect(unitAt("部门")).toBeNull();
    expect(unitAt("分钟")).toBeNull();
  });
});

describe("a target reads every target unit of the list", () => {
  it.each(TARGET_UNITS)("不少于3%s", (u) => {
    const [part] = parseTarget(`不少于3${u}`).parts;
    expect(part).toMatchObject({ kind: "quantitative", value: 3, unit: u });
  });

  it("a unit outside the target list leaves the figure unitless (满分50分 is no 分 target)", () => {
    expect(parseTarget("不少于50分").parts[0]).toMatchObject({ kind: "quantitative", value: 50, unit: null });
  });
});

describe("report validation refuses a fraction of every counted unit", () => {
  const rules = { name: "某指标", typedTarget: parseTarget("不少于3"), aggregation: "sum", cadence: "monthly", year: 2021 } as const;
  const period = { start: "2021-10-01", end: "2021-10-31", label: "10月" };
  it.each(UNITS)("2.5%s", (u) => {
    const r = validateReport(rules, { value: 2.5, unit: u, status: null, period }, "2021-11-15");
    if (isCountedUnit(u)) expect(r).toEqual({ ok: false, reason: `以“${u}”计的数量应为整数（收到 2.5${u}），请核对后重新报送。` });
    else expect(r.ok).toBe(true);
  });
});
