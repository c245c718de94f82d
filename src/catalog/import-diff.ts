// What an import changes, field by field (old → new), for `import --dry-run` and the import's
// result; and which targets or reference values change type (a number becomes 定性 or back) —
// the sign of a spreadsheet cell read the wrong way (issue 12 item 5). The type of a value is the
// one rule the bot uses for targets (domain/target.ts parseTarget): it has a number part or not.
import { parseTarget } from "../domain/target.js";
import type { CatalogIndicator } from "./catalog-schema.js";
import { CADENCE_LABELS, COLUMNS } from "./xlsx-columns.js";

/** An indicator's comparable fields; `section` is the owner section's name. */
export type IndicatorSnapshot = Omit<CatalogIndicator, "section"> & { section: string | null };

export interface FieldChange {
  field: string;
  /** The spreadsheet column's name (绩效指标, 年度指标值, 上年值 …). */
  label: string;
  old: string | null;
  new: string | null;
}

export type ValueKind = "数值" | "定性";

export interface TypeChange extends FieldChange {
  code: string;
  name: string;
  row?: number;
  from: ValueKind;
  to: ValueKind;
}

type Compared = Exclude<keyof IndicatorSnapshot, "code">;
const COMPARED: Compared[] = [
  "name", "dutySeq", "duty", "goal", "group", "explanation", "target", "planValue", "standardValue", "standardSource",
  "threeYearAverage", "lastYearValue", "lastYearSource", "note", "activities", "budgetProject", "section", "aliases", "cadence",
];

/** Fields whose value is a figure (or a 定性 standard): their type must not flip unnoticed. */
const TYPED: Compared[] = ["target", "planValue", "standardValue", "threeYearAverage", "lastYearValue"];

export function fieldLabel(field: string): string {
  return COLUMNS.find((c) => c.field === field)?.header.replace("{year}", "") ?? field;
}

function shown(field: Compared, v: IndicatorSnapshot[Compared]): string | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.length ? v.join("、") : null;
  if (field === "cadence") return CADENCE_LABELS[v as keyof typeof CADENCE_LABELS] ?? String(v);
  return String(v);
}

/** The fields that differ; with `before` null (a new indicator) every filled field. */
export function diffIndicator(before: IndicatorSnapshot | null, after: IndicatorSnapshot): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of COMPARED) {
    const o = before ? shown(field, before[field]) : null;
    const n = shown(field, after[field]);
    if (o !== n) out.push({ field, label: fieldLabel(field), old: o, new: n });
  }
  return out;
}

/** "数值" when the text has a number part (98%, ≥800人), else "定性" (应做尽做, or a bare 0.98). */
export function valueKind(text: string): ValueKind {
  return parseTarget(text).parts.some((p) => p.kind === "quantitative") ? "数值" : "定性";
}

export function typeChangesOf(before: IndicatorSnapshot, after: IndicatorSnapshot): Array<Omit<TypeChange, "code" | "name" | "row">> {
  const out: Array<Omit<TypeChange, "code" | "name" | "row">> = [];
  for (const field of TYPED) {
    const o = shown(field, before[field]);
    const n = shown(field, after[field]);
    if (o === null || n === null || o === n) continue;
    const from = valueKind(o);
    const to = valueKind(n);
    if (from !== to) out.push({ field, label: fieldLabel(field), old: o, new: n, from, to });
  }
  return out;
}
