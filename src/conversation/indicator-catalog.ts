// The current goal table's indicators as the conversation needs them: everything a target answer
// shows, the typed target, and the IndicatorDoc view the NLU matcher searches. Cached per bot for a
// short while — the table changes a few times a year, a turn happens many times a minute.
import type { Database } from "../db/client.js";
import type { IndicatorDoc } from "./nlu/types.js";
import type { TypedTarget } from "../domain/target-types.js";
import type { Aggregation, Cadence } from "../domain/reporting-period.js";
import { unitsOf } from "../domain/target.js";

export interface IndicatorInfo {
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
  planValue: string | null;
  standardValue: string | null;
  standardSource: string | null;
  threeYearAverage: string | null;
  lastYearValue: string | null;
  lastYearSource: string | null;
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

export async function loadIndicatorCatalog(db: Database): Promise<IndicatorCatalog> {
  const table = await db.prisma.goalTable.findFirst({ orderBy: { year: "desc" } });
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
    planValue: r.planValue,
    standardValue: r.standardValue,
    standardSource: r.standardSource,
    threeYearAverage: r.threeYearAverage,
    lastYearValue: r.lastYearValue,
    lastYearSource: r.lastYearSource,
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
  }));
  return { year: table.year, indicators, byId: new Map(indicators.map((i) => [i.id, i])), docs, sections };
}

/** A loader that reuses the last catalogue for `ttlMs` (0 = reload every turn). */
export function cachedCatalog(db: Database, ttlMs = 60_000): () => Promise<IndicatorCatalog> {
  let cached: { at: number; value: Promise<IndicatorCatalog> } | null = null;
  return () => {
    const now = Date.now();
    if (!cached || now - cached.at > ttlMs) {
      const value = loadIndicatorCatalog(db);
      cached = { at: now, value };
      value.catch(() => (cached = null));
    }
    return cached.value;
  };
}
