// "调解成功率进度": year-to-date (or the asked period) against the target, completion and pace,
// then the values period by period. Also the one-line form used in section overviews.
import type { Card } from "../types.js";
import type { IndicatorInfo } from "../indicator-catalog.js";
import type { Progress } from "../../domain/progress.js";
import { describeTarget } from "../../domain/target-description.js";
import { formatReported, formatStatus, formatValue, monthDay, PACE_WORDS, percent, periodLabel } from "./format.js";

export function progressCard(ind: IndicatorInfo, p: Progress, rangeLabel: string | null): Card {
  const scope = rangeLabel ?? `${ind.year}年`;
  // A one-part target read back in symbols ("培训人次 ≥ 5000 人") only repeats it; spell out compound ones.
  const reading = ind.typedTarget.parts.length > 1 ? `（${describeTarget(ind.typedTarget)}）` : "";
  const lines = [`**目标**：${ind.targetText}${reading}`, `**负责科室**：${ind.sectionName}`];
  lines.push(`**${scope}${p.aggregation === "sum" ? "累计" : p.aggregation === "latest" ? "最新值" : "状态"}**：${headline(p)}`);
  lines.push(paceLine(p));
  if (p.points.length) {
    lines.push("**各期报送**：");
    for (const r of p.points) lines.push(`· ${periodLabel(r.periodStart, r.periodEnd)}：${formatReported(r)}`);
  }
  const tone = p.pace === "behind" ? "warning" : p.pace === "met" ? "success" : "info";
  return { title: `「${ind.name}」${scope}进度`, tone, lines };
}

/** "调解成功率：最新 99.2%，已达标" — for overviews and the line after a confirmed report. */
export function progressSummary(p: Progress): string {
  if (p.pace === "no_data") return "暂无报送";
  if (p.aggregation === "status") return formatStatus(p.status);
  const what = p.aggregation === "sum" ? `累计 ${formatValue(p.actual, p.unit)}` : `最新 ${formatValue(p.actual, p.unit)}`;
  const completion = p.completion !== null && p.aggregation === "sum" ? `，完成 ${percent(p.completion)}` : "";
  return `${what}${completion}，${PACE_WORDS[p.pace]}`;
}

function headline(p: Progress): string {
  if (p.pace === "no_data") return "暂无报送";
  if (p.aggregation === "status") return formatStatus(p.status);
  return formatValue(p.actual, p.unit);
}

function paceLine(p: Progress): string {
  if (p.pace === "no_data") return "**进度**：暂无报送数据";
  if (p.aggregation === "status") return `**进度**：${PACE_WORDS[p.pace]}`;
  const completion = p.completion === null ? "—" : percent(p.completion);
  if (p.aggregation === "latest" || p.part?.direction === "negative") {
    return `**进度**：完成度 ${completion}，${p.pace === "met" ? "达到目标" : "尚未达到目标"}`;
  }
  if (p.from.slice(5) !== "01-01") {
    // 三季度: the period's share of the year against the share of the annual target done in it.
    return `**进度**：${monthDay(p.from)}至${monthDay(p.asOf)}占全年时间 ${percent(p.timeProgress)}，完成全年目标 ${completion}，${PACE_WORDS[p.pace]}`;
  }
  return `**进度**：时间进度 ${percent(p.timeProgress)}（截至${monthDay(p.asOf)}），完成进度 ${completion}，${PACE_WORDS[p.pace]}`;
}
