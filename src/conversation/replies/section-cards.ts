// A section's indicators at a glance: the list (last report + traffic light), the progress
// overview, and what is still missing. About indicators, never about people: no ranking, no names.
import type { Card } from "../types.js";
import type { IndicatorProgress } from "../progress-view.js";
import { owedPeriod, type OwedPeriod } from "../../domain/missing.js";
import { defaultUnit } from "../../domain/target-part.js";
import { formatReported, paceIcon, paceLabel, periodLabel } from "./format.js";
import { progressSummary } from "./progress-card.js";

/** The period this indicator still owes today (src/domain/missing.ts — the reminders' rule too). */
export function owedBy(v: IndicatorProgress, today: string): OwedPeriod | null {
  return owedPeriod(v.indicator, v.reports, v.indicator.year, today);
}

function isOverdue(v: IndicatorProgress, today: string): boolean {
  return owedBy(v, today) !== null;
}

const LEGEND = "✅ 进度正常或已达标　⏳ 推进中/暂无数据　⚠️ 落后或上期未报";

export function sectionListCard(sectionName: string, views: IndicatorProgress[], today: string): Card {
  const lines = views.map((v) => {
    const last = v.reports.at(-1);
    const lastText = last ? `最近报送：${periodLabel(last.periodStart, last.periodEnd)} ${formatReported(last)}` : "尚无报送";
    const overdue = isOverdue(v, today);
    return `${paceIcon(v.progress.pace, overdue)}${paceLabel(v.progress.pace, overdue)} **${v.indicator.name}**（目标：${v.indicator.targetText}）— ${lastText}`;
  });
  return {
    title: `${sectionName}负责的指标（${views.length}项）`,
    tone: "info",
    lines: lines.length ? lines : ["本科室暂无负责的指标。"],
    footer: LEGEND,
  };
}

export function sectionOverviewCard(sectionName: string, views: IndicatorProgress[], today: string): Card {
  const lines = views.map((v) => `${paceIcon(v.progress.pace, isOverdue(v, today))} ${v.indicator.name}：${progressSummary(v.progress)}`);
  const behind = views.filter((v) => v.progress.pace === "behind").length;
  return {
    title: `${sectionName}完成进度`,
    tone: behind ? "warning" : "info",
    lines: lines.length ? lines : ["本科室暂无负责的指标。"],
    footer: LEGEND,
  };
}

export function sectionOverdueCard(sectionName: string, views: IndicatorProgress[], today: string): Card {
  const missing = views.flatMap((v) => {
    const p = owedBy(v, today);
    return p ? [{ v, p }] : [];
  });
  if (missing.length === 0) return { title: `${sectionName}：上期均已报送`, tone: "success", lines: ["所有指标上一报送期的进展均已报送，谢谢！"] };
  const first = missing[0]!;
  return {
    title: `${sectionName}：待报送指标 ${missing.length} 项`,
    tone: "warning",
    lines: ["以下指标上一报送期尚未报送进展：", ...missing.map(({ v, p }) => `· ${v.indicator.name}（${p.label}）`)],
    footer: `报送示例：${reportExample(first.v.indicator, first.p)}`,
  };
}

/** A message that would report this missing period ("2021年10月日报宣传栏2期"), built from the first missing indicator. */
function reportExample(ind: IndicatorProgress["indicator"], period: OwedPeriod): string {
  // 定性 statuses are "as of" values: reporting the status now covers the closed period.
  if (ind.aggregation === "status") return `“${ind.name}已完成”或“${ind.name}推进中”`;
  const unit = defaultUnit(ind.typedTarget);
  const sample = unit === "%" ? "100%" : `2${unit ?? ""}`;
  return `“${period.label}${ind.name}${sample}”`;
}

/** Admins: how many indicators each section still owes (counts only, in the org chart's order). */
export function bureauOverdueCard(rows: { sectionName: string; missing: number; total: number }[]): Card {
  const owing = rows.filter((r) => r.missing > 0);
  return {
    title: "各科室上期报送情况",
    tone: owing.length ? "warning" : "success",
    lines: rows.map((r) => `${r.missing > 0 ? "⚠️" : "✅"} ${r.sectionName}：${r.missing > 0 ? `待报送 ${r.missing} 项` : "均已报送"}（共 ${r.total} 项）`),
  };
}

/** Admins asking "各科室进度": per section how many indicators are on course and how many behind or missing (counts only, org chart order). */
export function bureauProgressCard(sections: { name: string; views: IndicatorProgress[] }[], today: string): Card {
  const rows = sections.filter((s) => s.views.length > 0);
  const lines = rows.map(({ name, views }) => {
    const icons = views.map((v) => paceIcon(v.progress.pace, isOverdue(v, today)));
    const count = (icon: string) => icons.filter((i) => i === icon).length;
    const parts = [["✅", "正常或已达标"], ["⏳", "推进中/暂无数据"], ["⚠️", "落后或上期未报"]]
      .filter(([icon]) => count(icon!) > 0)
      .map(([icon, words]) => `${words} ${count(icon!)} 项`);
    return `${count("⚠️") > 0 ? "⚠️" : count("⏳") > 0 ? "⏳" : "✅"} ${name}：共 ${views.length} 项，${parts.join("，")}`;
  });
  return {
    title: "各科室完成进度",
    tone: lines.some((l) => l.startsWith("⚠️")) ? "warning" : "info",
    lines: lines.length ? lines : ["当前目标表暂无指标。"],
    footer: "查看某科室明细可问“普法科进度怎么样”",
  };
}
