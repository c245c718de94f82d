// 绩效运行监控表 as .xlsx: monitoringView's figures poured into the template named in the settings.
import path from "node:path";
import type ExcelJS from "exceljs";
import { excelJs } from "../util/exceljs.js";
import type { Database } from "../db/client.js";
import { budgetOf, fromCents } from "../domain/monitoring/budget.js";
import { LIGHT_LABEL, type Light } from "../domain/monitoring/lights.js";
import { AppError } from "../errors.js";
import { monitoringView, type IndicatorRow, type MonitoringView } from "./monitoring-view.js";
import { DATA_DIR, type MonitoringSettings } from "./settings.js";
import { loadTemplate, renderTemplate, type Record_ } from "./template.js";
import { CAUSES } from "../domain/monitoring/deviation.js";

export const LIGHT_FILL: Record<Light, string> = { red: "FFF4B6B6", yellow: "FFFFE699", green: "FFC6EFCE", blue: "FFBDD7EE", grey: "FFE7E6E6" };
const STATUS_TEXT: Record<string, string> = { done: "已完成", in_progress: "推进中", not_started: "未启动" };
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

export function actualText(r: IndicatorRow): string {
  const p = r.progress;
  if (p.aggregation === "status") return p.status ? (STATUS_TEXT[p.status] ?? p.status) : "";
  if (p.actual === null) return "";
  return `${p.actual}${p.unit ?? ""}`;
}

function lightText(r: IndicatorRow): string {
  const ratio = r.light.ratio !== null ? `（${(r.light.ratio * 100).toFixed(0)}%）` : "";
  return `${LIGHT_LABEL[r.light.light]}${ratio}`;
}

export function monitoringRecords(v: MonitoringView): { budget: Record_[]; indicators: Record_[] } {
  const money = (c: number | null) => (c === null ? null : Number(fromCents(c)));
  const budget: Record_[] = v.budget.map((b) => ({
    name: `${b.project.name}（${b.project.category}）`,
    initial: money(b.project.initial), adjusted: money(budgetOf(b.project)), spent: money(b.spent?.cents ?? null),
    rate: b.spent ? pct(b.pace.rate) : null, time: pct(v.t),
    points: b.spent ? `${b.pace.pointsVsTime >= 0 ? "+" : ""}${b.pace.pointsVsTime.toFixed(2)}` : null,
    light: LIGHT_LABEL[b.pace.light], forecast: null, note: b.spent && b.spent.month < v.throughMonth ? `数据截至${b.spent.month}月` : null,
    $fill: { light: LIGHT_FILL[b.pace.light] },
  }));
  const total = v.budgetTotal;
  budget.push({
    name: "合计", initial: money(v.budget.reduce((s, b) => s + (b.project.initial ?? 0), 0)), adjusted: money(total.budget),
    spent: money(total.spent), rate: pct(total.rate), time: pct(v.t),
    points: `${total.pointsVsTime >= 0 ? "+" : ""}${total.pointsVsTime.toFixed(2)}`, light: LIGHT_LABEL[total.light], forecast: null,
    note: v.headerMismatches.length ? `与表头不一致：${v.headerMismatches.map((m) => m.what).join("、")}` : null,
    $fill: { light: LIGHT_FILL[total.light] },
  });
  const indicators: Record_[] = v.rows.map((r) => {
    const rec: Record_ = {
      duty: r.indicator.dutyName, goal: r.indicator.goalName, indicator: r.indicator.name, target: r.indicator.targetText,
      actual: actualText(r), light: lightText(r),
      forecast: r.reason?.expectedValue ?? null,
      reasonText: r.reason?.text ?? null, likelihood: r.reason?.likelihood ?? null,
      note: [r.light.note, r.perMonth ? `还需每月约${r.perMonth}${r.progress.unit ?? ""}` : null].filter(Boolean).join("；") || null,
      $fill: { light: LIGHT_FILL[r.light.light] },
    };
    for (const c of CAUSES) rec[`cause_${c}`] = r.reason?.cause === c ? "√" : null;
    return rec;
  });
  return { budget, indicators };
}

export async function exportMonitoring(db: Database, settings: MonitoringSettings, now: Date, throughMonth: number, file: string): Promise<MonitoringView> {
  const v = await monitoringView(db, settings, now, throughMonth);
  if (!v) throw new AppError("not_found", "还没有加载目标表");
  const department = await db.prisma.goalTable.findUniqueOrThrow({ where: { id: v.goalTableId }, include: { department: true } });
  const wb = new (await excelJs()).Workbook();
  wb.creator = "绩效助手";
  renderTemplate(wb, loadTemplate(path.join(DATA_DIR, settings.templates.monitoring)), {
    vars: { year: v.year, m: throughMonth, department: department.department.name, t: pct(v.t) },
    sources: monitoringRecords(v),
  });
  await wb.xlsx.writeFile(file);
  return v;
}
