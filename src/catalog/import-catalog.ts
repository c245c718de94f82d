// Writes a validated catalogue (one year's goal table) into the database in one transaction.
// Idempotent: the catalogue's content hash is stored on the GoalTable, so loading the same data
// again writes nothing; changed data updates rows in place (indicator ids stay stable, so progress
// reports keep pointing at them). An indicator that has reports cannot silently disappear.
import { createHash } from "node:crypto";
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import { AppError } from "../errors.js";
import { defaultAggregation, parseTarget } from "../domain/target.js";
import type { Catalog } from "./catalog-schema.js";
import { referenceValuesOf } from "./reference-values.js";
import { diffIndicator, typeChangesOf, type FieldChange, type IndicatorSnapshot, type TypeChange } from "./import-diff.js";

export type { FieldChange, TypeChange } from "./import-diff.js";

/** One indicator the import adds, changes (field by field: old → new) or removes. */
export interface IndicatorChange {
  code: string;
  name: string;
  /** Its row in the spreadsheet, when the catalogue came from one. */
  row?: number;
  change: "new" | "changed" | "removed";
  fields: FieldChange[];
}

export interface ImportOptions {
  /** Do everything, report it, roll it back. */
  dryRun?: boolean;
  /** Indicator code → spreadsheet row, so every row-level reason names its row. */
  rows?: Map<string, number>;
  /**
   * A target or reference value that changes type (a number becomes 定性, or back) is refused
   * unless this is true (issue 12 item 5: a percent cell imported as 0.98 turned a rate into 定性).
   * Programmatic loads of the committed data files leave it undefined = accepted.
   */
  refuseTypeChanges?: boolean;
}

type Tx = Prisma.TransactionClient;

export interface ImportResult {
  goalTableId: number;
  year: number;
  changed: boolean;
  indicators: number;
  created: number;
  updated: number;
  removed: number;
  /** What changes, indicator by indicator (unchanged indicators are not listed). */
  changes: IndicatorChange[];
  /** Targets and reference values whose type changes (number ↔ 定性). */
  typeChanges: TypeChange[];
}

/** Hash of what would be stored: the catalogue with every indicator's owner resolved to a section id. */
export function catalogHash(catalog: Catalog, owners: Map<string, number>): string {
  const indicators = catalog.indicators.map((i) => ({ ...i, section: owners.get(i.code) ?? null }));
  return createHash("sha256").update(JSON.stringify({ ...catalog, indicators })).digest("hex");
}

/** Thrown inside the transaction to roll a dry run back; carries what would have happened. */
class DryRunRollback extends Error {
  constructor(readonly result: ImportResult) {
    super("dry run");
  }
}

/**
 * `ownership` maps indicator code → section code (from the org chart); an indicator's own
 * `section` field wins. Every indicator must end up owned by exactly one existing section.
 */
export async function importCatalog(
  prisma: PrismaClient,
  catalog: Catalog,
  ownership: Map<string, string> = new Map(),
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const run = prisma.$transaction(
    async (tx) => {
      const department = await tx.department.upsert({
        where: { code: catalog.department.code },
        create: { code: catalog.department.code, name: catalog.department.name },
        update: { name: catalog.department.name },
      });
      const sectionIds = await resolveOwners(tx, catalog, ownership, opts.rows);
      const hash = catalogHash(catalog, sectionIds);
      const existing = await tx.goalTable.findUnique({
        where: { departmentId_year: { departmentId: department.id, year: catalog.year } },
        include: { _count: { select: { indicators: true } } },
      });
      if (existing && existing.contentHash === hash) {
        const n = existing._count.indicators;
        return { goalTableId: existing.id, year: catalog.year, changed: false, indicators: n, created: 0, updated: 0, removed: 0, changes: [], typeChanges: [] };
      }
      const header = {
        totalBudget: catalog.budget.total,
        fundingFinance: catalog.budget.fundingFinance,
        fundingOther: catalog.budget.fundingOther,
        basicExpense: catalog.budget.basicExpense,
        projectExpense: catalog.budget.projectExpense,
        strategicGoal: catalog.strategicGoal,
        contentHash: hash,
      };
      const table = await tx.goalTable.upsert({
        where: { departmentId_year: { departmentId: department.id, year: catalog.year } },
        create: { departmentId: department.id, year: catalog.year, ...header },
        update: header,
      });
      const counts = await writeIndicators(tx, table.id, catalog, sectionIds, opts.rows);
      const result = { goalTableId: table.id, year: catalog.year, changed: true, indicators: catalog.indicators.length, ...counts };
      if (opts.dryRun) throw new DryRunRollback(result);
      if (opts.refuseTypeChanges && result.typeChanges.length) {
        const list = result.typeChanges.map((t) => `${t.row ? `第 ${t.row} 行 ` : ""}${t.code} ${t.name}「${t.label}」：${t.old} → ${t.new}（${t.from} → ${t.to}）`);
        throw new AppError("conflict", `${result.typeChanges.length} 个指标值的类型会改变，未导入任何内容：${list.join("；")}。确属有意请加 --accept-type-changes 重新导入`, list);
      }
      return result;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return run.catch((err: unknown) => {
    if (err instanceof DryRunRollback) return err.result;
    throw err;
  });
}

async function resolveOwners(tx: Tx, catalog: Catalog, ownership: Map<string, string>, rows?: Map<string, number>): Promise<Map<string, number>> {
  const sections = await tx.section.findMany();
  const byKey = new Map<string, number>();
  for (const s of sections) {
    byKey.set(s.code, s.id);
    byKey.set(s.name, s.id);
  }
  // A row without an owner keeps the owner the same-named indicator had in an earlier table, so
  // next year's spreadsheet does not need the 责任科室 column filled for unchanged indicators.
  const previous = new Map<string, number>();
  for (const i of await tx.indicator.findMany({ select: { name: true, sectionId: true }, orderBy: { id: "asc" } })) {
    previous.set(i.name, i.sectionId);
  }
  const result = new Map<string, number>();
  const problems: string[] = [];
  for (const ind of catalog.indicators) {
    const key = ind.section ?? ownership.get(ind.code);
    const id = key ? byKey.get(key) : previous.get(ind.name);
    const row = rows?.get(ind.code);
    const where = `${row ? `第 ${row} 行 ` : ""}${ind.code} ${ind.name}`;
    if (!key && id === undefined) problems.push(`${where}：没有责任科室（请填写「责任科室」列）`);
    else if (id === undefined) problems.push(`${where}：没有这个科室“${key}”（填科室代码或全称，见 npm run cli -- sections）`);
    else result.set(ind.code, id);
  }
  if (problems.length) throw new AppError("invalid_file", `${problems.length} 个指标没有有效的责任科室，未导入任何内容：${problems.join("；")}`, problems);
  return result;
}

async function writeIndicators(tx: Tx, goalTableId: number, catalog: Catalog, sectionIds: Map<string, number>, rows?: Map<string, number>) {
  const dutyIds = new Map<string, number>();
  const goalIds = new Map<string, number>();
  const goalPositions = new Map<number, number>();
  let created = 0;
  let updated = 0;
  const old = new Map(
    (await tx.indicator.findMany({ where: { goalTableId }, include: { goal: { include: { duty: true } } } })).map((i) => [i.code, i]),
  );
  const sectionNames = new Map((await tx.section.findMany({ select: { id: true, name: true } })).map((x) => [x.id, x.name]));
  const changes: IndicatorChange[] = [];
  const typeChanges: TypeChange[] = [];

  for (const [position, ind] of catalog.indicators.entries()) {
    const dutyKey = `${ind.dutySeq}\u0000${ind.duty}`;
    let dutyId = dutyIds.get(dutyKey);
    if (dutyId === undefined) {
      const duty = await tx.duty.upsert({
        where: { goalTableId_seq_name: { goalTableId, seq: ind.dutySeq, name: ind.duty } },
        create: { goalTableId, seq: ind.dutySeq, name: ind.duty },
        update: {},
      });
      dutyId = duty.id;
      dutyIds.set(dutyKey, dutyId);
    }
    const goalKey = `${dutyId}\u0000${ind.goal}`;
    let goalId = goalIds.get(goalKey);
    if (goalId === undefined) {
      const goalPosition = goalPositions.get(dutyId) ?? 0;
      goalPositions.set(dutyId, goalPosition + 1);
      const goal = await tx.goal.upsert({
        where: { dutyId_name: { dutyId, name: ind.goal } },
        create: { dutyId, name: ind.goal, position: goalPosition },
        update: { position: goalPosition },
      });
      goalId = goal.id;
      goalIds.set(goalKey, goalId);
    }
    const typed = parseTarget(ind.target, { indicator: ind.name });
    const data = {
      goalId,
      position,
      name: ind.name,
      group: ind.group,
      explanation: ind.explanation,
      targetText: ind.target,
      typedTarget: typed as unknown as Prisma.InputJsonValue,
      ...referenceValuesOf(ind),
      note: ind.note,
      activities: ind.activities,
      budgetProject: ind.budgetProject,
      aliases: ind.aliases,
      sectionId: sectionIds.get(ind.code)!,
      cadence: ind.cadence,
      aggregation: defaultAggregation(typed),
    };
    const before = old.get(ind.code);
    const after: IndicatorSnapshot = { ...ind, section: sectionNames.get(data.sectionId) ?? null };
    const row = rows?.get(ind.code);
    if (before) {
      const was: IndicatorSnapshot = {
        ...before,
        dutySeq: before.goal.duty.seq,
        duty: before.goal.duty.name,
        goal: before.goal.name,
        target: before.targetText,
        section: sectionNames.get(before.sectionId) ?? null,
      };
      const fields = diffIndicator(was, after);
      if (fields.length) changes.push({ code: ind.code, name: ind.name, ...(row ? { row } : {}), change: "changed", fields });
      typeChanges.push(...typeChangesOf(was, after).map((t) => ({ ...t, code: ind.code, name: ind.name, ...(row ? { row } : {}) })));
    } else {
      changes.push({ code: ind.code, name: ind.name, ...(row ? { row } : {}), change: "new", fields: diffIndicator(null, after) });
    }
    if (old.has(ind.code)) {
      await tx.indicator.update({ where: { goalTableId_code: { goalTableId, code: ind.code } }, data });
      updated++;
      old.delete(ind.code);
    } else {
      await tx.indicator.create({ data: { goalTableId, code: ind.code, ...data } });
      created++;
    }
  }
  // Whatever the new catalogue no longer has: gone, unless people already reported on it.
  const gone = [...old.values()];
  if (gone.length) {
    const withReports = await tx.progressReport.groupBy({
      by: ["indicatorId"],
      where: { indicatorId: { in: gone.map((g) => g.id) } },
    });
    if (withReports.length) {
      const names = gone.filter((g) => withReports.some((r) => r.indicatorId === g.id)).map((g) => `${g.code} ${g.name}`);
      throw new AppError("conflict", `以下指标已有报送数据，但文件中没有它们（不能删除），未导入任何内容：${names.join("；")}`);
    }
    await tx.indicator.deleteMany({ where: { id: { in: gone.map((g) => g.id) } } });
  }
  // Duties and goals left without indicators are leftovers of an earlier version of the table.
  await tx.goal.deleteMany({ where: { duty: { goalTableId }, indicators: { none: {} } } });
  await tx.duty.deleteMany({ where: { goalTableId, goals: { none: {} } } });
  for (const g of gone) changes.push({ code: g.code, name: g.name, change: "removed", fields: [] });
  return { created, updated, removed: gone.length, changes, typeChanges };
}
