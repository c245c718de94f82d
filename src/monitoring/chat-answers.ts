// Monitoring answers in the conversation (issue 13 item 5): lights, the gap per indicator and what
// is still needed per remaining month. Visibility: staff and heads see their own section; admins
// and the finance section see everything (bureau lights, budget, 自评). Sections are listed in the
// table's own order — never sorted by light or score (no ranking).
import type { MonitoringTurn as Turn } from "../conversation/ports.js";
import type { Reply } from "../conversation/types.js";
import { describeCounts, LIGHT_ICON, LIGHT_LABEL } from "../domain/monitoring/lights.js";
import { fromCents } from "../domain/monitoring/budget.js";
import { toShanghai } from "../domain/shanghai-time.js";
import { monitoringQuestion } from "./chat-cues.js";
import { actualText } from "./export-monitoring.js";
import { monitoringView, type IndicatorRow, type MonitoringView } from "./monitoring-view.js";
import { selfEvaluation } from "./self-evaluation.js";
import { loadMonitoringSettings } from "./settings.js";
import { budgetChart, bureauDutiesChart, sectionLightsChart } from "../charts/definitions.js";
import type { ChartDefinition } from "../charts/render.js";

/** The card with its chart attached (issue 14: progress and monitoring answers carry the chart). */
const withChart = (reply: Reply, def: ChartDefinition | null): Reply =>
  reply.kind === "card" && def ? { kind: "card", card: { ...reply.card, chart: { alt: def.title, spec: def } } } : reply;

const card = (title: string, lines: string[], tone: "info" | "warning" = "info"): Reply => ({ kind: "card", card: { title, tone, lines } });

export function seesAll(turn: Pick<Turn, "user">, financeSectionName: string | null): boolean {
  return turn.user.role === "admin" || (financeSectionName !== null && turn.user.sectionName === financeSectionName);
}

function indicatorLine(r: IndicatorRow): string {
  const a = actualText(r) || "未报";
  const gap = r.light.remaining !== null && r.light.remaining > 0 ? `，距年度目标还差 ${r.light.remaining}${r.progress.unit ?? ""}` : "";
  const per = r.perMonth ? `，还需每月约 ${r.perMonth}${r.progress.unit ?? ""}` : "";
  const note = r.light.note && r.light.light !== "grey" ? `（${r.light.note}）` : r.light.light === "grey" ? `（${r.light.note ?? "无数据"}）` : "";
  return `${LIGHT_ICON[r.light.light]} ${r.indicator.name.slice(0, 24)}：${a}${gap}${per}${note}`;
}

/** null when the message is not a monitoring question (the normal intents take it). */
export async function monitoringReply(turn: Turn, message: string): Promise<Reply[] | null> {
  const q = monitoringQuestion(message);
  if (!q) return null;
  const settings = loadMonitoringSettings();
  const finance = await turn.db.prisma.section.findUnique({ where: { code: settings.financeSection }, select: { name: true } });
  const all = seesAll(turn, finance?.name ?? null);
  const through = toShanghai(turn.now).month - 1;
  if (through < 1) return [card("双监控", ["1月还没有已结束的月份，暂无监控数据。"])];
  const view = await monitoringView(turn.db, settings, turn.now, through);
  if (!view) return [card("双监控", ["还没有加载目标表。"])];
  const head = `数据截至${view.year}年${through}月，时间进度 ${(view.t * 100).toFixed(1)}%`;
  if ((q === "budget" || q === "score") && !all) {
    return [card(q === "budget" ? "预算执行进度" : "自评预计得分", ["这项信息由计划财务装备科和管理员查看；您可以问“我们科监控灯”了解本科室进度。"], "warning")];
  }
  if (q === "budget") return [withChart(budgetCard(view, head), budgetChart(view))];
  if (q === "score") {
    const e = (await selfEvaluation(turn.db, settings, turn.now, through))!;
    return [card("自评预计得分", [
      head,
      `**预计 ${e.total.toFixed(2)} 分，等级 ${e.grade}**（按目前数据计分，年底前仍会变化）`,
      `预算执行：min(${e.executed.toFixed(2)} ÷ ${e.budget.toFixed(2)}, 1) × ${e.executionWeight} = ${e.executionScore.toFixed(2)}`,
      `绩效指标：${e.indicatorTotal.toFixed(2)} / ${e.weightSum}（${e.rows.filter((r) => r.weight !== null).length} 项计分，待定指标不计分）`,
      "导出明细：npm run cli -- export self-evaluation --year " + view.year + " FILE.xlsx",
    ])];
  }
  if (q === "bureau" && all) {
    return [withChart(card("全局双监控", [
      head,
      `**全局 ${LIGHT_ICON[view.bureau.light]}${LIGHT_LABEL[view.bureau.light]}灯**　${describeCounts(view.bureau.counts)}`,
      `预算执行：${LIGHT_ICON[view.budgetTotal.light]} 执行率 ${(view.budgetTotal.rate * 100).toFixed(1)}%，比时间进度 ${signed(view.budgetTotal.pointsVsTime)} 个百分点`,
      "各科室（按目标表顺序）：",
      ...view.sections.map((s) => `${LIGHT_ICON[s.light]} ${s.name}　${describeCounts(s.counts)}`),
    ]), bureauDutiesChart(view))];
  }
  const sectionId = turn.user.sectionId;
  const rows = view.rows.filter((r) => r.indicator.sectionId === sectionId);
  if (rows.length === 0) return [card("双监控", ["您所在科室没有负责的指标。"])];
  const s = view.sections.find((x) => x.sectionId === sectionId)!;
  return [withChart(card(`${s.name}双监控`, [
    head,
    `**${LIGHT_ICON[s.light]}${LIGHT_LABEL[s.light]}灯**　${describeCounts(s.counts)}`,
    ...rows.map(indicatorLine),
    ...(q === "bureau" ? ["（全局情况由管理员和计划财务装备科查看）"] : []),
  ]), sectionLightsChart(view, s.sectionId))];
}

function signed(x: number): string {
  return `${x >= 0 ? "+" : ""}${x.toFixed(2)}`;
}

function budgetCard(view: MonitoringView, head: string): Reply {
  const t = view.budgetTotal;
  return card("预算执行进度", [
    head,
    `**合计 ${LIGHT_ICON[t.light]} 执行 ${fromCents(t.spent)} / ${fromCents(t.budget)} 万元，执行率 ${(t.rate * 100).toFixed(1)}%，比时间进度 ${signed(t.pointsVsTime)} 个百分点**`,
    ...view.budget.map((b) => b.spent
      ? `${LIGHT_ICON[b.pace.light]} ${b.project.name}：${fromCents(b.spent.cents)} 万元，执行率 ${(b.pace.rate * 100).toFixed(1)}%（${signed(b.pace.pointsVsTime)}）`
      : `${LIGHT_ICON.grey} ${b.project.name}：暂无支出数据`),
    ...view.headerMismatches.map((m) => `⚠️ 表头与项目合计不一致：${m.what} 表头 ${fromCents(m.header)}，合计 ${fromCents(m.sum)}`),
  ]);
}
