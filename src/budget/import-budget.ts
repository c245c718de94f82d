// `budget import`: the checked spreadsheet rows become append-only BudgetEntry rows, in one
// transaction; figures equal to the current ones are not written again (a re-import changes nothing).
import type { Database } from "../db/client.js";
import { activeGoalTableId } from "../catalog/active-table.js";
import { checkHeaderTotals, describeMismatch, toCents } from "../domain/monitoring/budget.js";
import { AppError } from "../errors.js";
import { appendEntries, currentFigures, ensureProjects, type NewEntry } from "./store.js";
import { readBudgetXlsx } from "./xlsx.js";

export interface BudgetImportResult {
  year: number;
  projects: number;
  written: number;
  /** Header totals that differ from the sum of the projects (reported, not hidden). */
  mismatches: string[];
}

export async function importBudget(db: Database, file: string, now: Date, categoryOf: (name: string) => string, userId: number | null = null): Promise<BudgetImportResult> {
  const tableId = await activeGoalTableId(db.prisma, now);
  if (tableId === null) throw new AppError("not_found", "还没有加载目标表");
  const table = await db.prisma.goalTable.findUniqueOrThrow({ where: { id: tableId } });
  const known = await ensureProjects(db.prisma, tableId, categoryOf);
  const rows = await readBudgetXlsx(file, new Set(known.keys()));
  return db.prisma.$transaction(async (tx) => {
    for (const r of rows) if (!known.has(r.name)) {
      const created = await tx.budgetProject.create({ data: { goalTableId: tableId, name: r.name, category: r.category!, position: known.size } });
      known.set(r.name, created.id);
    }
    const before = new Map((await currentFigures(tx, tableId)).map((f) => [f.name, f]));
    const entries: NewEntry[] = [];
    for (const r of rows) {
      const cur = before.get(r.name);
      const base = { project: r.name, source: "import" as const, enteredById: userId, rawText: `${file} 第${r.row}行` };
      if (r.initial !== null && r.initial !== cur?.initial) entries.push({ ...base, kind: "initial", month: null, cents: r.initial });
      if (r.adjusted !== null && r.adjusted !== cur?.adjusted) entries.push({ ...base, kind: "adjusted", month: null, cents: r.adjusted });
      for (const [m, c] of r.spent) if (cur?.spent.get(m) !== c) entries.push({ ...base, kind: "spent", month: m, cents: c });
    }
    const written = await appendEntries(tx, known, entries, now);
    const after = await currentFigures(tx, tableId);
    const mismatches = checkHeaderTotals({
      total: toCents(table.totalBudget.toFixed(2)) ?? 0,
      basicExpense: toCents(table.basicExpense.toFixed(2)) ?? 0,
      projectExpense: toCents(table.projectExpense.toFixed(2)) ?? 0,
    }, after).map(describeMismatch);
    return { year: table.year, projects: rows.length, written, mismatches };
  });
}
