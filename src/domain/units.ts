// The one list of units: every unit a figure may carry — in a chat report (conversation/nlu reads it
// with unitAt), in a goal table's target (target.ts reads it with TARGET_UNIT_PATTERN) and in
// report validation (a counted unit takes whole numbers). One row a unit, with what each reader needs
// to know of it, so adding a unit is one line here. Pure.

/** What the readers need to know of one unit. */
interface UnitRow {
  unit: string;
  /** Counted one by one: a fraction of it is a typo ("2.5篇" is refused). */
  counted: boolean;
  /**
   * Read after a number in a goal table's target. 部, 版, 分, 卷 and 宗 are not (yet): reading them
   * would change which target clauses carry a unit ("满分50分", "一部…") and needs its own review.
   */
  inTargets: boolean;
  /**
   * A one-character unit that also starts ordinary words (分钟, 分之, 部门, 版本, 批准, 户籍): in a
   * message it is a unit only when no other Chinese character follows, or a particle does.
   */
  startsWords?: boolean;
}

const row = (unit: string, counted: boolean, inTargets = true, startsWords = false): UnitRow => ({ unit, counted, inTargets, startsWords });

const TABLE: readonly UnitRow[] = [
  row("%", false), row("万元", false), row("元", false),
  row("人次", true), row("人", true), row("名", true), row("位", true),
  row("篇", true), row("期", true), row("场次", true), row("场", true), row("版面", true),
  row("本", true), row("册", true), row("个", true), row("项", true), row("件", true), row("次", true),
  row("家", true), row("处", true), row("所", true), row("户", true, true, true), row("份", true),
  row("条", true), row("批", true, true, true),
  row("天", false), row("学时", false), row("课时", false), row("小时", false),
  row("部", true, false, true), row("版", true, false, true), row("卷", true, false), row("宗", true, false),
  row("分", false, false, true),
];

const longestFirst = (units: string[]) => units.sort((a, b) => b.length - a.length);

/** Every unit, longest first so 人次 wins over 人 and 场次 over 场. */
export const UNITS: readonly string[] = longestFirst(TABLE.map((r) => r.unit));

/** The units a goal table's target is read with, longest first. */
export const TARGET_UNITS: readonly string[] = longestFirst(TABLE.filter((r) => r.inTargets).map((r) => r.unit));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\%]/g, "\\$&");
/** TARGET_UNITS as a regular-expression alternation. */
export const TARGET_UNIT_PATTERN = TARGET_UNITS.map(escape).join("|");

const COUNTED = new Set(TABLE.filter((r) => r.counted).map((r) => r.unit));
/** Whether `unit` counts things one by one (篇, 期, 场, 人次 …): a reported fraction of it is refused. */
export function isCountedUnit(unit: string): boolean {
  return COUNTED.has(unit);
}

const STARTS_WORDS = new Set(TABLE.filter((r) => r.startsWords).map((r) => r.unit));
/** Whether the one-character unit `unit` also starts ordinary words (分钟, 部门, 版本, 批准, 户籍). */
export function unitStartsWords(unit: string): boolean {
  return STARTS_WORDS.has(unit);
}

/**
 * Other ways of writing a unit in a message, and the unit they mean: ％ and 百分点 are %, 位 is
 * counted as 名 (a target keeps the 位 it was written with; the two are one family).
 */
export const UNIT_SYNONYMS: Readonly<Record<string, string>> = { "％": "%", "百分点": "%", "个百分点": "%", "位": "名" };

/**
 * Cosmetic normalisation only (full-width ％, stray spaces). 人 and 人次 stay distinct, as written in
 * the target; use sameUnitFamily to decide whether a reported figure can be compared with a target.
 */
export function normaliseUnit(u: string): string {
  return u.trim().replace(/％/g, "%");
}

// Units that count the same thing in practice: a report of "820人次" answers a target "≥800人".
// 元 and 万元 are deliberately not a family: comparing them needs a conversion, not a match.
const FAMILIES: readonly (readonly string[])[] = [
  ["人", "人次", "名", "位"],
  ["场", "场次"],
  ["个", "项"],
  ["学时", "课时", "小时"],
  ["本", "册"],
  ["版", "版面"],
];

/** True when a value in unit `a` may be compared with a target in unit `b`; a missing unit matches any. */
export function sameUnitFamily(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return true;
  const x = normaliseUnit(a);
  const y = normaliseUnit(b);
  if (x === y) return true;
  return FAMILIES.some((f) => f.includes(x) && f.includes(y));
}

/**
 * Counting words staff write for an indicator's unit — "十二条" for 篇, "两个" for 场 / 版面 / 人,
 * "1.5万册" for 本 — by the unit they may stand for, most specific first.
 */
const WRITTEN_FOR: Record<string, readonly string[]> = {
  条: ["篇"], 个: ["版面", "场", "人", "期"], 册: ["本"], 次: ["场"], 版: ["版面"], 名: ["人"], 位: ["人"],
};

/**
 * The indicator's own unit that `written` stands for, when the indicator does not count in `written`
 * itself (nor its family): 条 → 篇 for a 篇 indicator, 个 → 场 for a 场 one; else null.
 */
export function asIndicatorUnit(written: string, units: readonly string[]): string | null {
  if (!units.length || units.some((u) => sameUnitFamily(written, u))) return null;
  return WRITTEN_FOR[normaliseUnit(written)]?.find((u) => units.includes(u)) ?? null;
}
