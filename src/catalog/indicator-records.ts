// The catalogue as the admin CLI and the spreadsheet export see it: one flat record per indicator.
import type { PrismaClient } from "../generated/prisma/client.js";
import type { TypedTarget } from "../domain/target-types.js";
import { referenceValuesOf, type ReferenceValues } from "./reference-values.js";

export interface IndicatorRecord {
  id: number;
  code: string;
  year: number;
  dutySeq: number;
  duty: string;
  goal: string;
  group: string | null;
  name: string;
  explanation: string | null;
  /** 年度指标值 exactly as written */
  target: string;
  typedTarget: TypedTarget;
  section: { code: string; name: string };
  owner: string | null;
  referenceValues: ReferenceValues;
  note: string | null;
  activities: string | null;
  budgetProject: string | null;
  aliases: string[];
  cadence: string | null;
  aggregation: string;
}

export async function indicatorRecords(prisma: PrismaClient, opts: { year?: number } = {}): Promise<IndicatorRecord[]> {
  const rows = await prisma.indicator.findMany({
    where: opts.year ? { goalTable: { year: opts.year } } : {},
    include: { goal: { include: { duty: true } }, section: true, owner: true, goalTable: true },
    orderBy: [{ goalTable: { year: "asc" } }, { position: "asc" }],
  });
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    year: r.goalTable.year,
    dutySeq: r.goal.duty.seq,
    duty: r.goal.duty.name,
    goal: r.goal.name,
    group: r.group,
    name: r.name,
    explanation: r.explanation,
    target: r.targetText,
    typedTarget: r.typedTarget as unknown as TypedTarget,
    section: { code: r.section.code, name: r.section.name },
    owner: r.owner?.name ?? null,
    referenceValues: referenceValuesOf(r),
    note: r.note,
    activities: r.activities,
    budgetProject: r.budgetProject,
    aliases: r.aliases,
    cadence: r.cadence,
    aggregation: r.aggregation,
  }));
}
