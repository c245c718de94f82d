// IndicatorDoc[] straight from the committed catalogue (data/goal-table-2021.json) — for NLU tests
// that need the real table but no database. ids are position + 1 (what a fresh import assigns);
// sections come from data/org-chart.json when present.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { IndicatorDoc, SectionDoc } from "../../src/conversation/nlu/types.js";
import { defaultAggregation, parseTarget, unitsOf } from "../../src/domain/target.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

interface RawIndicator {
  code: string;
  name: string;
  group?: string | null;
  goal?: string | null;
  explanation?: string | null;
  target: string;
  aliases?: string[];
  section?: string | null;
}

export function catalogDocs(file = process.env.NLU_CATALOG_FILE ?? "data/goal-table-2021.json"): IndicatorDoc[] {
  const raw = JSON.parse(readFileSync(path.resolve(ROOT, file), "utf8")) as { indicators: RawIndicator[] };
  const sectionOf = sectionLookup();
  return raw.indicators.map((ind, i) => ({
    id: i + 1,
    code: ind.code,
    name: ind.name,
    group: ind.group ?? null,
    goal: ind.goal ?? null,
    explanation: ind.explanation ?? null,
    targetText: ind.target,
    aliases: ind.aliases ?? [],
    units: unitsOf(parseTarget(ind.target)),
    sectionId: sectionOf(ind),
    qualitative: defaultAggregation(parseTarget(ind.target, { indicator: ind.name })) === "status",
  }));
}

function sectionLookup(): (ind: RawIndicator) => number {
  const file = path.resolve(ROOT, "data/org-chart.json");
  if (!existsSync(file)) return () => 0;
  const org = JSON.parse(readFileSync(file, "utf8")) as { sections: Array<{ code: string; indicators?: string[] }> };
  return (ind) => {
    const i = org.sections.findIndex((s) => s.code === ind.section || s.indicators?.includes(ind.code));
    return i + 1;
  };
}

/** The org chart's sections as the parser sees them; ids are position + 1, as in catalogDocs. */
export function catalogSections(): SectionDoc[] {
  const file = path.resolve(ROOT, "data/org-chart.json");
  if (!existsSync(file)) return [];
  const org = JSON.parse(readFileSync(file, "utf8")) as { sections: Array<{ name: string; aliases?: string[] }> };
  return org.sections.map((s, i) => ({ id: i + 1, name: s.name, aliases: s.aliases ?? [] }));
}
