// `demo fill` / `demo clear`: plausible reports and budget spending for the demo staff, every row
// marked demo = true, so a newcomer sees lights, scores and tables at once and can remove them all.
// Real reports are never overwritten: a period that already has a report is left alone.
import type { Database } from "../db/client.js";
import { loadIndicatorCatalog } from "../conversation/indicator-catalog.js";
import { dateColumn } from "../domain/shanghai-time.js";
import { toCents } from "../domain/monitoring/budget.js";
import { appendEntries, ensureProjects, type NewEntry } from "../budget/store.js";
import { demoBudgets, demoReports, demoSpent } from "./demo-plan.js";
import type { MonitoringSettings } from "./settings.js";
import { AppError } from "../errors.js";

export interface DemoResult {
  year: number;
  reports: number;
  budgetEntries: number;
}

export function categoryOf(settings: MonitoringSettings) {
  return (name: string) => settings.budgetCategories[name] ?? settings.budgetCategories["default"] ?? "项目支出";
}

export async function demoFill(db: Database, settings: MonitoringSettings, now: Date, year: number, throughMonth: number): Promise<DemoResult> {
  const catalog = await loadIndicatorCatalog(db, now);
  if (catalog.year !== year) throw new AppError("bad_argument", `当前目标表是 ${catalog.year} 年的，不能填 ${year} 年的演示数据`);
  const users = await db.prisma.user.findMany({ where: { active: true }, orderBy: { id: "asc" } });
  const table = await db.prisma.goalTable.findFirstOrThrow({ where: { year } });
  return db.prisma.$transaction(async (tx) => {
    const taken = new Set((await tx.progressReport.findMany({
      where: { indicatorId: { in: catalog.indicators.map((i) => i.id) } }, select: { indicatorId: true, periodStart: true, periodEnd: true },
    })).map((r) => `${r.indicatorId}|${r.periodStart.toISOString()}|${r.periodEnd.toISOString()}`));
    const rows = [];
    for (const ind of catalog.indicators) {
      const reporter = users.find((u) => u.sectionId === ind.sectionId && u.role === "staff") ?? users.find((u) => u.sectionId === ind.sectionId) ?? users[0];
      if (!reporter) throw new AppError("bad_argument", "没有用户：先加载组织架构（npm run cli -- load）");
      for (const r of demoReports(ind, throughMonth, settings.milestones[ind.code])) {
        const where = { indicatorId: ind.id, periodStart: dateColumn(r.period.start), periodEnd: dateColumn(r.period.end) };
        if (taken.has(`${ind.id}|${where.periodStart.toISOString()}|${where.periodEnd.toISOString()}`)) continue;
        rows.push({ ...where, value: r.value, unit: r.unit, status: r.status, demo: true, rawText: "演示数据", reportedById: reporter.id, createdAt: now });
      }
    }
    const reports = (await tx.progressReport.createMany({ data: rows })).count;
    const ids = await ensureProjects(tx, table.id, categoryOf(settings));
    const projects = await tx.budgetProject.findMany({ where: { goalTableId: table.id }, orderBy: { position: "asc" }, include: { _count: { select: { entries: true } } } });
    const budgets = demoBudgets(projects, toCents(table.basicExpense.toFixed(2)) ?? 0, toCents(table.projectExpense.toFixed(2)) ?? 0);
    const financeSection = await tx.section.findUnique({ where: { code: settings.financeSection }, select: { id: true } });
    const finance = users.find((u) => u.sectionId === financeSection?.id) ?? null;
    const entries: NewEntry[] = [];
    for (const p of projects) {
      if (p._count.entries > 0) continue; // figures entered for real: leave them
      const cents = budgets.get(p.name) ?? 0;
      entries.push({ project: p.name, kind: "initial", month: null, cents, source: "demo", enteredById: finance?.id ?? null });
      for (let m = 1; m <= throughMonth; m++) entries.push({ project: p.name, kind: "spent", month: m, cents: demoSpent(p.name, cents, m), source: "demo" });
    }
    const budgetEntries = await appendEntries(tx, ids, entries, now, true);
    return { year, reports, budgetEntries };
  });
}

/** Removes every demo row (reports, budget entries, deviation reasons); real rows stay. */
export async function demoClear(db: Database): Promise<{ reports: number; budgetEntries: number; reasons: number }> {
  return db.prisma.$transaction(async (tx) => {
    // A real correction of a demo report points at it: it then stands on its own — the foreign key's
    // ON DELETE SET NULL does that as part of the delete, once the demo row is gone (setting it
    // first would make it a second first report of its period: ProgressReport_first_of_period_key).
    const reports = (await tx.progressReport.deleteMany({ where: { demo: true } })).count;
    const budgetEntries = (await tx.budgetEntry.deleteMany({ where: { demo: true } })).count;
    const reasons = (await tx.deviationReason.deleteMany({ where: { demo: true } })).count;
    return { reports, budgetEntries, reasons };
  });
}
