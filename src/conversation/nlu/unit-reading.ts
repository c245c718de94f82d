import { asIndicatorUnit, sameUnitFamily, UNIT_SYNONYMS, UNITS, unitStartsWords } from "../../domain/units.js";

/** A written unit as the indicator counts ("十二条" of a 篇 indicator is 篇); unchanged when it fits or maps to nothing. */
export function indicatorUnit(written: string | null, units: readonly string[]): string | null {
  return written === null ? null : (asIndicatorUnit(written, units) ?? written);
}

// Chat messages are read with the one unit list (domain/units.ts); what is particular to a message:
// a unit may be written with a synonym (％, 百分点, 位), and a unit that starts ordinary words (分钟,
// 部门) counts only when no other Chinese character follows, or a particle / 以上 / 左右 does
// ("46.5分", "3部。", "5版以上").
const AFTER_UNIT = /^(?:$|[^\p{Script=Han}]|[以左上下的了吧呢啊呀哦整])/u;
/** The units read as written (a synonym is read by its own rule first: 位 but not 位置 / 位于). */
const PLAIN_UNITS = UNITS.filter((u) => !(u in UNIT_SYNONYMS));

/** The unit at the start of `s` (after optional spaces), normalised, or null. */
export function unitAt(s: string): { unit: string; length: number } | null {
  const lead = /^\s*/.exec(s)![0].length;
  const rest = s.slice(lead);
  for (const [alias, unit] of Object.entries(UNIT_SYNONYMS)) {
    if (rest.startsWith(alias) && !(alias === "位" && /^位[置于]/.test(rest))) return { unit, length: lead + alias.length };
  }
  for (const u of PLAIN_UNITS) {
    if (!rest.startsWith(u)) continue;
    if (unitStartsWords(u) && !AFTER_UNIT.test(rest.slice(u.length))) return null;
    return { unit: u, length: lead + u.length };
  }
  return null;
}

interface UnitDoc {
  name: string;
  aliases: string[];
  targetText: string;
  units: string[];
  explanation?: string | null;
}

/** An indicator judged by a score ("各科室不记名打分…满分50分"): a bare number is points. */
const SCORED = /打分|评分|得分|分数|分值|满分/;

/** Counting words a label may name more precisely than the target's trailing unit ("值班人次≥800人"). */
const COUNTING_WORDS = ["人次", "场次"];

/**
 * The unit an indicator counts in, for a value written without one: the target's single unit — or,
 * for a compound target, the unit most of its figures are written in ("每周3期，全年>156期 … ≥5版面"
 * → 期) — unless its name, aliases or target text name a more precise counting word of the same
 * family (人次 over 人). A target without a unit still counts in a 人次 / 场次 its text names ("XX场次"),
 * or in 分 when the indicator is a score (打分, 满分).
 */
export function naturalUnit(doc: UnitDoc): string | null {
  const label = [doc.name, ...doc.aliases, doc.targetText].join(" ");
  const countingWords = COUNTING_WORDS.filter((w) => label.includes(w));
  const own = doc.units.length > 1 ? dominantUnit(doc.targetText, doc.units) : doc.units[0];
  if (own === undefined && doc.units.length) return null;
  if (own === undefined) return countingWords.length === 1 ? countingWords[0]! : SCORED.test(`${label} ${doc.explanation ?? ""}`) ? "分" : null;
  return countingWords.find((w) => w !== own && sameUnitFamily(w, own)) ?? own;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\%]/g, "\\$&");

/** The unit written after more of the target's figures than all its other units together, if any. */
function dominantUnit(targetText: string, units: string[]): string | undefined {
  const alternatives = [...units].sort((a, b) => b.length - a.length).map(escape).join("|");
  const counts = new Map<string, number>();
  for (const m of targetText.matchAll(new RegExp(`[\\d零〇一二两三四五六七八九十百千万]\\s*(${alternatives})`, "g"))) {
    counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return [...counts].find(([, n]) => n > total - n)?.[0];
}
