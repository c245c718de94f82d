// 双监控 through month m of the active table: every indicator's light, the goal / duty / section /
// bureau rollups and the budget pace per 预算项目 — what the chat answers and the 绩效运行监控表 show.
import type { Database } from "../db/client.js";
import { loadIndicatorCatalog, type IndicatorInfo } from "../conversation/indicator-catalog.js";
import { progressOf } from "../conversation/progress-view.js";
import type { Progress } from "../domain/progress.js";
import { monthPeriod } from "../domain/reporting-period.js";
import { budgetPace, rollup, timeProgress, type BudgetPace, type Light, type Rollup } from "../domain/monitoring/lights.js";
import { indicatorLight, neededPerMonth, type IndicatorLight } from "../domain/monitoring/indicator-light.js";
import { budgetOf, checkHeaderTotals, spentThrough, toCents, type HeaderMismatch, type ProjectFigures } from "../domain/monitoring/budget.js";
import { currentFigures } from "../budget/store.js";
import { owedPeriod } from "../domain/missing.js";
import { addDays } from "../domain/shanghai-time.js";
import type { MonitoringSettings } from "./settings.js";

export interface IndicatorRow {
  indicator: IndicatorInfo;
  progress: Progress;
  light: IndicatorLight;
  /** Still needed per remaining month (counts only). */
  perMonth: number | null;
  reason: { cause: string | null; text: string | null; likelihood: string | null; expectedValue: number | null; skipped: boolean } | null;
}

export interface BudgetRow {
  project: ProjectFigures;
  spent: { month: number; cents: number } | null;
  pace: BudgetPace;
}

export interface GroupLight extends Rollup {
  name: string;
}

export interface MonitoringView {
  year: number;
  goalTableId: number;
  throughMonth: number;
  t: number;
  rows: IndicatorRow[];
  goals: GroupLight[];
  duties: GroupLight[];
  /** In the table's own order (first indicator of each section) — never sorted by light. */
  sections: (GroupLight & { sectionId: number })[];
  bureau: Rollup;
  budget: BudgetRow[];
  budgetTotal: BudgetPace & { budget: number; spent: number };
  headerMismatches: HeaderMismatch[];
}

export async function monitoringView(db: Database, settings: MonitoringSettings, now: Date, throughMonth: number): Promise<MonitoringView | null> {
  const catalog = await loadIndicatorCatalog(db, now);
  const first = catalog.indicators[0];
  if (!first) return null;
  const year = catalog.year;
  const table = await db.prisma.indicator.findUniqueOrThrow({ where: { id: first.id }, select: { goalTable: true } });
  const goalTableId = table.goalTable.id;
  const t = timeProgress(throughMonth, settings.timeProgress);
  const end = monthPeriod(year, throughMonth).end;
  const progress = await progressOf({ db, today: end }, catalog.indicators, { start: `${year}-01-01`, end });
  const reasons = await db.prisma.deviationReason.findMany({ where: { indicatorId: { in: catalog.indicators.map((i) => i.id) }, roundKey: roundKey(year, throughMonth) } });
  // What is owed is asked on the first day after the monitoring month (the day its data falls due).
  const owedOn = addDays(end, 1);
  const rows: IndicatorRow[] = progress.map(({ indicator, progress: p, reports }) => {
    const dueMonths = settings.milestones[indicator.code];
    const owed = owedPeriod(indicator, reports, year, owedOn);
    const light = indicatorLight({
      target: indicator.typedTarget, progress: p, t, throughMonth, bands: settings.bands, statusLights: settings.statusLights,
      ...(dueMonths ? { dueMonths } : {}), owed: owed?.label ?? null,
    });
    const r = reasons.find((x) => x.indicatorId === indicator.id);
    return {
      indicator, progress: p, light,
      perMonth: neededPerMonth(light.remaining, throughMonth, settings.timeProgress.monthsInYear),
      reason: r ? { cause: r.cause, text: r.text, likelihood: r.likelihood, expectedValue: r.expectedValue, skipped: r.skipped } : null,
    };
  });
  const group = (key: (r: IndicatorRow) => string) => {
    const order: string[] = [];
    const lights = new Map<string, Light[]>();
    for (const r of rows) {
      const k = key(r);
      if (!lights.has(k)) { order.push(k); lights.set(k, []); }
      lights.get(k)!.push(r.light.light);
    }
    return order.map((name) => ({ name, ...rollup(lights.get(name)!) }));
  };
  const sections = group((r) => r.indicator.sectionName).map((g) => ({
    ...g, sectionId: rows.find((r) => r.indicator.sectionName === g.name)!.indicator.sectionId,
  }));

  const figures = await currentFigures(db.prisma, goalTableId);
  const budget = figures.map((project) => {
    const spent = spentThrough(project, throughMonth);
    const b = budgetOf(project);
    return { project, spent, pace: budgetPace(spent ? spent.cents / 100 : null, (b ?? 0) / 100, t, settings.bands) };
  });
  const totalBudget = figures.reduce((s, p) => s + (budgetOf(p) ?? 0), 0);
  const totalSpent = budget.reduce((s, r) => s + (r.spent?.cents ?? 0), 0);
  const anySpent = budget.some((r) => r.spent);
  const header = table.goalTable;
  const headerMismatches = figures.length === 0 ? [] : checkHeaderTotals({
    total: toCents(header.totalBudget.toFixed(2)) ?? 0,
    basicExpense: toCents(header.basicExpense.toFixed(2)) ?? 0,
    projectExpense: toCents(header.projectExpense.toFixed(2)) ?? 0,
  }, figures);
  return {
    year, goalTableId, throughMonth, t, rows,
    goals: group((r) => `${r.indicator.dutyName}／${r.indicator.goalName}`),
    duties: group((r) => r.indicator.dutyName),
    sections,
    bureau: rollup(rows.map((r) => r.light.light)),
    budget,
    budgetTotal: { ...budgetPace(anySpent ? totalSpent / 100 : null, totalBudget / 100, t, settings.bands), budget: totalBudget, spent: totalSpent },
    headerMismatches,
  };
}

/** A monitoring round's key: the year and month its data runs through ("2021-07"). */
export function roundKey(year: number, throughMonth: number): string {
  return `${year}-${String(throughMonth).padStart(2, "0")}`;
}
