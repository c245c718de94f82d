// "调解成功率的目标是多少": the indicator, where it sits in the table, who owns it, the target as
// printed, its typed reading, and whatever reference values the table gives.
import type { Card } from "../types.js";
import type { IndicatorInfo } from "../indicator-catalog.js";
import { describeTarget } from "../../domain/target-description.js";

export function targetCard(ind: IndicatorInfo): Card {
  const lines = [
    `**${ind.year}年度指标值**：${ind.targetText}`,
    `**口径**：${describeTarget(ind.typedTarget)}`,
    `**部门职责**：${ind.dutyName}`,
    `**职责目标**：${ind.goalName}`,
    `**负责科室**：${ind.sectionName}`,
  ];
  if (ind.group) lines.splice(2, 0, `**所属指标**：${ind.group}`);
  if (ind.explanation) lines.push(`**指标解释**：${ind.explanation}`);
  const refs = referenceLines(ind);
  if (refs.length) lines.push("**参考值**：", ...refs);
  return { title: `「${ind.name}」目标`, tone: "info", lines, footer: `可以问“${ind.name}进度”查看完成情况` };
}

/** Several candidate indicators' targets side by side; the numbered choice opens one in full. */
export function targetsSummaryCard(choices: IndicatorInfo[]): Card {
  const lines = choices.map((ind, i) => `${i + 1}. **${ind.name}**（${ind.sectionName}）：${ind.targetText}`);
  return {
    title: "相关指标的年度目标",
    tone: "info",
    lines,
    footer: "回复序号（如“1”）查看该指标的详细口径和参考值",
  };
}

function referenceLines(ind: IndicatorInfo): string[] {
  const out: string[] = [];
  const source = (s: string | null) => (s ? `（来源：${s}）` : "");
  if (ind.lastYearValue) out.push(`· 上年值：${ind.lastYearValue}${source(ind.lastYearSource)}`);
  if (ind.standardValue) out.push(`· ${ind.year}年标准值：${ind.standardValue}${source(ind.standardSource)}`);
  if (ind.threeYearAverage) out.push(`· 前三年均值：${ind.threeYearAverage}`);
  if (ind.planValue) out.push(`· “十三五”规划值：${ind.planValue}`);
  return out;
}
