import { sameUnitFamily } from "../../domain/target-units.js";

// Units people write after a number in reports and targets. Longest first, so 人次 wins over 人.
export const UNITS = [
  "人次", "场次", "版面", "万元", "%", "篇", "期", "本", "场", "名", "个", "件", "人", "次", "天", "家", "项", "条", "份", "处", "所", "元",
] as const;

const SYNONYMS: Record<string, string> = { "％": "%", "百分点": "%", "个百分点": "%", "位": "名" };

/** The unit at the start of `s` (after optional spaces), normalised, or null. */
export function unitAt(s: string): { unit: string; length: number } | null {
  const lead = /^\s*/.exec(s)![0].length;
  const rest = s.slice(lead);
  for (const [alias, unit] of Object.entries(SYNONYMS)) {
    if (rest.startsWith(alias) && !(alias === "位" && /^位[置于]/.test(rest))) return { unit, length: lead + alias.length };
  }
  for (const u of UNITS) if (rest.startsWith(u)) return { unit: u, length: lead + u.length };
  return null;
}

/** Whether a reported unit fits a target's unit (人次 ≈ 人 ≈ 名: the table says "值班人次≥800人"). */
export function unitsCompatible(a: string, b: string): boolean {
  return sameUnitFamily(a, b);
}

/** Counting words a label may name more precisely than the target's trailing unit ("值班人次≥800人"). */
const COUNTING_WORDS = ["人次", "场次"];

/**
 * The unit an indicator counts in, for a value written without one: the target's single unit, unless
 * its name, aliases or target text name a more precise counting word of the same family (人次 over 人).
 * An indicator whose target has no unit still counts in a 人次 / 场次 its target text names ("XX场次").
 */
export function naturalUnit(doc: { name: string; aliases: string[]; targetText: string; units: string[] }): string | null {
  if (doc.units.length > 1) return null;
  const label = [doc.name, ...doc.aliases, doc.targetText].join(" ");
  const named = COUNTING_WORDS.filter((w) => label.includes(w));
  const own = doc.units[0];
  if (own === undefined) return named.length === 1 ? named[0]! : null;
  return named.find((w) => w !== own && sameUnitFamily(w, own)) ?? own;
}
