// The confirmation card of a pending report, and how it looks after 确认 / 取消 / expiry.
// Channels without buttons show the footer ("回复 确认 或 取消").
import type { Card } from "../types.js";
import type { IndicatorInfo } from "../indicator-catalog.js";
import type { ReportDraft } from "../dialog/pending-state.js";
import { formatReported } from "./format.js";

const TITLES: Record<ReportDraft["action"], string> = {
  new: "请确认报送",
  replace: "请确认替换本期报送",
  correct: "请确认更正",
  withdraw: "请确认撤回",
};

function draftLines(ind: IndicatorInfo, d: ReportDraft): string[] {
  const lines = [`**指标**：${ind.name}（${ind.sectionName}）`, `**期间**：${d.periodLabel}`];
  if (d.action === "withdraw") {
    lines.push(`**撤回内容**：${d.previous ?? ""}`);
    // What stands afterwards, said before the user confirms (issue 11).
    lines.push(d.remains ? `**撤回后${d.periodLabel}数值为**：${d.remains}` : `**撤回后**：${d.periodLabel}无报送数据`);
  }
  else lines.push(`**${d.status ? "状态" : "数值"}**：${formatReported(d)}`);
  if (d.action === "replace" || d.action === "correct") lines.push(`**原报送**：${keptNote(d.previous ?? "")}`);
  lines.push(`**年度目标**：${ind.targetText}`);
  return lines;
}

/** "8篇（罗晨报送）" → "8篇（罗晨报送，原记录保留备查）" — one bracket, not two in a row. */
function keptNote(previous: string): string {
  return previous.endsWith("）") ? `${previous.slice(0, -1)}，原记录保留备查）` : `${previous}（原记录保留备查）`;
}

export function confirmCard(ind: IndicatorInfo, d: ReportDraft, token: string): Card {
  const question = d.action === "replace" ? "本期已有报送，是否以新数据替换？" : null;
  return {
    title: TITLES[d.action],
    tone: d.action === "withdraw" ? "warning" : "info",
    lines: question ? [question, ...draftLines(ind, d)] : draftLines(ind, d),
    buttons: [
      { label: "确认", value: { action: "confirm", token }, style: "primary" },
      { label: "取消", value: { action: "cancel", token }, style: "default" },
    ],
    footer: d.action === "withdraw" ? "回复“确认”撤回，回复“取消”保留原记录（30分钟内有效）" : "回复“确认”保存，回复“取消”放弃（30分钟内有效）",
  };
}

export function confirmedCard(ind: IndicatorInfo, d: ReportDraft): Card {
  const done = d.action === "withdraw" ? "已撤回" : "已记录";
  return { title: `${done}：${ind.name}`, tone: "success", lines: draftLines(ind, d) };
}

export function cancelledCard(ind: IndicatorInfo | undefined, d: ReportDraft | undefined): Card {
  const title = d?.action === "withdraw" ? "已取消撤回，原报送保留" : "已取消，未保存";
  return { title, tone: "info", lines: ind && d ? draftLines(ind, d) : [] };
}

export const staleCard: Card = {
  title: "该确认已失效",
  tone: "warning",
  lines: ["这张卡片对应的报送已确认、取消、过期或被新的报送替换。如需报送，请重新发送内容。"],
};
