// 部门整体支出绩效自评表 as .xlsx: selfEvaluation's rows (with their arithmetic) in the template
// named in the settings. The printed total is the sum of the printed (rounded) row scores.
import path from "node:path";
import type ExcelJS from "exceljs";
import { excelJs } from "../util/exceljs.js";
import type { Database } from "../db/client.js";
import { fromCents } from "../domain/monitoring/budget.js";
import { round2 } from "../domain/monitoring/scoring.js";
import { AppError } from "../errors.js";
import { selfEvaluation, type SelfEvaluation } from "./self-evaluation.js";
import { DATA_DIR, type MonitoringSettings } from "./settings.js";
import { loadTemplate, renderTemplate, type Record_ } from "./template.js";

const CAT = ["基本支出", "项目支出"];

export function selfEvaluationRecords(e: SelfEvaluation, strategicGoal: string): Record<string, Record_[]> {
  const v = e.view;
  const money = (c: number) => Number(fromCents(c));
  const sumBy = (f: (p: (typeof v.budget)[number]) => number, cat?: string) =>
    v.budget.filter((b) => !cat || b.project.category === cat).reduce((s, b) => s + f(b), 0);
  const initial = (b: (typeof v.budget)[number]) => b.project.initial ?? 0;
  const budget = (b: (typeof v.budget)[number]) => b.project.adjusted ?? b.project.initial ?? 0;
  const spent = (b: (typeof v.budget)[number]) => b.spent?.cents ?? 0;
  const rate = (s: number, b: number) => (b > 0 ? `${((s / b) * 100).toFixed(2)}%` : null);
  const moneyRows: Record_[] = [
    {
      name: "年度资金总额", initial: money(sumBy(initial)), budget: money(sumBy(budget)), executed: money(sumBy(spent)),
      weight: e.executionWeight, rate: rate(sumBy(spent), sumBy(budget)), score: e.executionScore,
      arithmetic: `min(${e.executed.toFixed(2)} ÷ ${e.budget.toFixed(2)}, 1) × ${e.executionWeight} = ${e.executionScore.toFixed(2)}`,
    },
    ...CAT.map((cat, i) => ({
      name: `${i === 0 ? "其中：" : ""}${cat}`, initial: money(sumBy(initial, cat)), budget: money(sumBy(budget, cat)),
      executed: money(sumBy(spent, cat)), weight: null, rate: rate(sumBy(spent, cat), sumBy(budget, cat)), score: null, arithmetic: null,
    })),
  ];
  const counted = e.rows.filter((r) => r.weight !== null);
  const full = counted.filter((r) => r.score !== null && r.weight !== null && r.score >= r.weight).length;
  const done = `${counted.length}项计分指标中${full}项得满分；指标得分 ${e.indicatorTotal.toFixed(2)} / ${e.weightSum}，预算执行得分 ${e.executionScore.toFixed(2)} / ${e.executionWeight}（数据截至${v.throughMonth}月）`;
  const indicators: Record_[] = e.rows.map((r) => ({
    duty: r.row.indicator.dutyName, goal: r.row.indicator.goalName, indicator: r.row.indicator.name, target: r.row.indicator.targetText,
    actual: r.actualText, weight: r.weight, score: r.score,
    reason: [r.row.reason?.cause, r.row.reason?.text, r.note].filter(Boolean).join("；") || null,
    arithmetic: r.arithmetic,
  }));
  const indicatorSum = round2(counted.reduce((s, r) => s + (r.score ?? 0), 0));
  return {
    money: moneyRows,
    goal: [{ goal: strategicGoal, done }],
    indicators,
    total: [{
      label: "总分", weight: e.executionWeight + e.weightSum, score: e.total, grade: `评价结论：${e.grade}`,
      arithmetic: `${e.executionScore.toFixed(2)} + ${indicatorSum.toFixed(2)} = ${e.total.toFixed(2)}`,
    }],
  };
}

export async function exportSelfEvaluation(db: Database, settings: MonitoringSettings, now: Date, throughMonth: number, file: string): Promise<SelfEvaluation> {
  const e = await selfEvaluation(db, settings, now, throughMonth);
  if (!e) throw new AppError("not_found", "还没有加载目标表");
  const table = await db.prisma.goalTable.findUniqueOrThrow({ where: { id: e.view.goalTableId }, include: { department: true } });
  const wb = new (await excelJs()).Workbook();
  wb.creator = "绩效助手";
  renderTemplate(wb, loadTemplate(path.join(DATA_DIR, settings.templates.selfEvaluation)), {
    vars: { year: e.view.year, department: table.department.name },
    sources: selfEvaluationRecords(e, table.strategicGoal),
  });
  await wb.xlsx.writeFile(file);
  return e;
}
