// The current goal table's indicators as the conversation needs them: everything a target answer
// shows, the typed target, and the IndicatorDoc view the NLU matcher searches. Cached per bot for a
// short while — the table changes a few times a year, a turn happens many times a minute.
import type { Database } from "../db/client.js";
import type { IndicatorDoc } from "./nlu/types.js";
import type { TypedTarget } from "../domain/target-types.js";
import type { Aggregation, Cadence } from "../domain/reporting-period.js";
import { unitsOf } from "../domain/target.js";
import { activeGoalTableId } from "../catalog/active-table.js";
import { referenceValuesOf, type ReferenceValues } from "../catalog/reference-values.js";
import { toShanghai } from "../domain/shanghai-time.js";

/** An indicator as the conversation shows it, its reference values flat beside the target. */
export interface IndicatorInfo extends ReferenceValues {
  id: number;
  code: string;
  name: string;
  group: string | null;
  explanation: string | null;
  targetText: string;
  typedTarget: TypedTarget;
  aggregation: Aggregation;
  cadence: Cadence | null;
  sectionId: number;
  sectionName: string;
  dutyName: string;
  goalName: string;
  aliases: string[];
  year: number;
}

export interface IndicatorCatalog {
  year: number;
  indicators: IndicatorInfo[];
  byId: Map<number, IndicatorInfo>;
  docs: IndicatorDoc[];
  /** Every section with its aliases (the parser recognises "普法科" as 普法与依法治理科). */
  sections: { id: number; name: string; aliases: string[] }[];
}

/** The indicators of the goal table in force at `now`: this year's when loaded, else the latest. */
export async function loadIndicatorCatalog(db: Database, now: Date): Promise<IndicatorCatalog> {
  const tableId = await activeGoalTableId(db.prisma, now);
  const table = tableId === null ? null : await db.prisma.goalTable.findUnique({ where: { id: tableId } });
  const sections = await db.prisma.section.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, aliases: true } });
  if (!table) return { year: 0, indicators: [], byId: new Map(), docs: [], sections };
  const rows = await db.prisma.indicator.findMany({
    where: { goalTableId: table.id },
    orderBy: { position: "asc" },
    include: { section: { select: { name: true } }, goal: { include: { duty: { select: { name: true } } } } },
  });
  const indicators: IndicatorInfo[] = rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    group: r.group,
    explanation: r.explanation,
    targetText: r.targetText,
    typedTarget: r.typedTarget as unknown as TypedTarget,
    aggregation: r.aggregation,
    cadence: r.cadence,
    sectionId: r.sectionId,
    sectionName: r.section.name,
    dutyName: r.goal.duty.name,
    goalName: r.goal.name,
    ...referenceValuesOf(r),
    aliases: r.aliases,
    year: table.year,
  }));
  const docs: IndicatorDoc[] = indicators.map((i) => ({
    id: i.id,
    code: i.code,
    name: i.name,
    group: i.group,
    explanation: i.explanation,
    targetText: i.targetText,
    aliases: i.aliases,
    units: unitsOf(i.typedTarget),
    sectionId: i.sectionId,
    qualitative: i.aggregation === "status",
  }));
  return { year: table.year, indicators, byId: new Map(indicators.map((i) => [i.id, i])), docs, sections };
}

/**
 * A loader that reuses the last catalogue for `ttlMs` of real time (0 = reload every turn) and
 * while the business year of `now` stays the same (which table is in force depends on it).
 */
export function cachedCatalog(db: Database, ttlMs = 60_000): (now: Date) => Promise<IndicatorCatalog> {
  let cached: { at: number; year: number; value: Promise<IndicatorCatalog> } | null = null;
  return (now) => {
    const at = Date.now(); // cache age is wall-clock time, not the business clock
    const year = toShanghai(now).year;
    if (!cached || cached.year !== year || at - cached.at > ttlMs) {
      const value = loadIndicatorCatalog(db, now);
      cached = { at, year, value };
      value.catch(() => (cached = null));
    }
    return cached.value;
  };
}
