// 部门整体支出 自评 per 财预〔2020〕10号 on the active table: budget execution (10) + indicators (90),
// every row with its arithmetic. Formulas live in domain/monitoring/scoring.ts; this file only
// gathers the figures (monitoringView through month m, weights file) and applies them.
import type { Database } from "../db/client.js";
import { budgetOf } from "../domain/monitoring/budget.js";
import {
  checkWeights, compoundFraction, equalWeights, executionScore, gradeOf, qualitativeFraction, quantitativeFraction, round2,
} from "../domain/monitoring/scoring.js";
import { monitoringView, type IndicatorRow, type MonitoringView } from "./monitoring-view.js";
import { loadWeights, type MonitoringSettings } from "./settings.js";
import { AppError } from "../errors.js";

export interface ScoredRow {
  row: IndicatorRow;
  /** null: excluded (待定 target). */
  weight: number | null;
  score: number | null;
  actualText: string;
  /** "640/800 × 1.84 = 1.47" */
  arithmetic: string;
  note: string | null;
}

export interface SelfEvaluation {
  view: MonitoringView;
  budget: number;
  executed: number;
  executionWeight: number;
  executionScore: number;
  rows: ScoredRow[];
  indicatorTotal: number;
  total: number;
  grade: string;
  weightSum: number;
}

const STATUS_TEXT: Record<string, string> = { done: "已完成", in_progress: "推进中", not_started: "未启动" };

function isPlaceholder(r: IndicatorRow): boolean {
  const parts = r.indicator.typedTarget.parts;
  return parts.every((p) => p.kind === "qualitative" && p.placeholder === true);
}

export async function selfEvaluation(db: Database, settings: MonitoringSettings, now: Date, throughMonth = 12): Promise<SelfEvaluation | null> {
  const view = await monitoringView(db, settings, now, throughMonth);
  if (!view) return null;
  const sc = settings.scoring;
  const scorable = view.rows.filter((r) => !isPlaceholder(r));
  const file = loadWeights(view.year);
  const equal = equalWeights(scorable.length, sc.indicatorWeight);
  const weightOf = new Map(scorable.map((r, i) => [r.indicator.code, file.weights[r.indicator.code] ?? equal[i]!]));
  const check = checkWeights([...weightOf.values()], sc.indicatorWeight);
  if (!check.ok) throw new AppError("invalid_file", `自评权重合计 ${check.sum}，应为 ${check.expected}（data/monitoring-weights-${view.year}.json）`);

  const rows = view.rows.map((row): ScoredRow => {
    const w = weightOf.get(row.indicator.code);
    if (w === undefined) return { row, weight: null, score: null, actualText: "", arithmetic: "不计分", note: "指标值待定（目标表未填具体数值），不计分" };
    return scoreRow(row, w, settings);
  });
  const indicatorTotal = round2(rows.reduce((s, r) => s + (r.score ?? 0), 0));
  const budget = view.budget.reduce((s, b) => s + (budgetOf(b.project) ?? 0), 0) / 100;
  const executed = view.budgetTotal.spent / 100;
  const exec = round2(executionScore(executed, budget, sc.executionWeight));
  const total = round2(exec + indicatorTotal);
  return {
    view, budget, executed, executionWeight: sc.executionWeight, executionScore: exec, rows, indicatorTotal, total,
    grade: gradeOf(total, sc.grades), weightSum: check.sum,
  };
}

function scoreRow(row: IndicatorRow, w: number, settings: MonitoringSettings): ScoredRow {
  const p = row.progress;
  const sc = settings.scoring;
  if (p.aggregation === "status") {
    const band = p.status ? sc.statusBands[p.status] : undefined;
    if (!band) return { row, weight: w, score: 0, actualText: "未报送", arithmetic: `无数据 → 0`, note: "全年无报送" };
    const f = qualitativeFraction(band, sc.qualitativeBands);
    const score = round2(f * w);
    return { row, weight: w, score, actualText: STATUS_TEXT[p.status!] ?? p.status!, arithmetic: `${sc.qualitativeBands[band].label} ${f * 100}% × ${w} = ${score}`, note: null };
  }
  if (!p.part || p.actual === null) return { row, weight: w, score: 0, actualText: "未报送", arithmetic: "无数据 → 0", note: "全年无报送" };
  const unit = p.unit && p.unit !== "%" ? p.unit : p.unit === "%" ? "%" : "";
  const actualText = `${p.actual}${unit}`;
  const milestones = settings.milestones[row.indicator.code];
  if (milestones) {
    const parts = milestones.map((_, i) => (p.actual! > i ? 1 : 0));
    const f = compoundFraction(parts);
    const score = round2(f * w);
    return { row, weight: w, score, actualText, arithmetic: `各节点 (${parts.join("+")})/${parts.length} × ${w} = ${score}`, note: null };
  }
  const f = quantitativeFraction(p.part, p.actual);
  const score = round2(f * w);
  const quantParts = row.indicator.typedTarget.parts.length;
  const formula = f === 1 ? `达到目标 ${p.part.value}${unit} → ${w}` : p.part.direction === "negative"
    ? `反向 ${p.actual}/${p.part.value}：${round2(f * 100)}% × ${w} = ${score}`
    : `${p.actual}/${p.part.value} × ${w} = ${score}`;
  return {
    row, weight: w, score, actualText, arithmetic: formula,
    note: quantParts > 1 ? "复合指标：按已报送部分计分" : null,
  };
}
