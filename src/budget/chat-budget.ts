// Budget figures by chat (issue 13 item 1): "10月办案业务及装备经费累计支出386.2万元" → a card like
// any report (确认 / 取消) → on 确认 one append-only BudgetEntry row (万元, Decimal; src/budget/store.ts).
// Only the finance section (settings.financeSection) and admins may enter money; anyone else gets a
// Chinese refusal and nothing changes. A project the table does not have → the list of its projects.
import type { BudgetTurn } from "../conversation/ports.js";
import type { Card, Reply } from "../conversation/types.js";
import type { CommitContext } from "../conversation/dialog/commit-pending.js";
import { claimPending, replacePending, type Pending } from "../conversation/dialog/pending-state.js";
import { recordSettled, staleAnswer } from "../conversation/dialog/settled.js";
import { activeGoalTableId } from "../catalog/active-table.js";
import { AppError } from "../errors.js";
import { budgetOf, fromCents } from "../domain/monitoring/budget.js";
import { budgetPace, LIGHT_ICON, timeProgress } from "../domain/monitoring/lights.js";
import { toShanghai } from "../domain/shanghai-time.js";
import { categoryOf } from "../monitoring/demo.js";
import { loadMonitoringSettings, type MonitoringSettings } from "../monitoring/settings.js";
import { isBudgetMessage, KIND_LABEL, readBudgetMessage } from "./chat-report.js";
import type { BudgetDraft } from "../conversation/dialog/budget-draft.js";
import { appendEntries, currentFigures, ensureProjects } from "./store.js";

type BudgetPending = Extract<Pending, { kind: "confirm_budget" }>;
const say = (t: string): Reply[] => [{ kind: "text", text: t }];

/** Whether the user may enter money: an admin, or a member of the finance section. */
export async function mayEnterBudget(turn: Pick<BudgetTurn, "db" | "user">, settings: MonitoringSettings): Promise<boolean> {
  if (turn.user.role === "admin") return true;
  const finance = await turn.db.prisma.section.findUnique({ where: { code: settings.financeSection }, select: { id: true } });
  return finance !== null && turn.user.sectionId === finance.id;
}

function what(d: Pick<BudgetDraft, "project" | "kind" | "month" | "year">): string {
  return d.kind === "spent" ? `${d.project} ${d.year}年1-${d.month}月累计支出` : `${d.project} ${d.year}年${KIND_LABEL[d.kind]}`;
}

function draftLines(d: BudgetDraft): string[] {
  return [
    `**预算项目**：${d.project}`,
    `**${d.kind === "spent" ? `期间**：${d.year}年1-${d.month}月` : `类别**：${KIND_LABEL[d.kind]}`}`,
    `**${KIND_LABEL[d.kind]}**：${fromCents(d.cents)} 万元`,
    ...(d.previous !== null ? [`**原记录**：${fromCents(d.previous)} 万元（原记录保留备查）`] : []),
    ...d.warnings.map((w) => `⚠️ ${w}`),
  ];
}

export function budgetConfirmCard(d: BudgetDraft, token: string): Card {
  return {
    title: d.previous !== null ? "请确认替换预算数据" : "请确认预算数据",
    tone: d.warnings.length ? "warning" : "info",
    lines: draftLines(d),
    buttons: [
      { label: "确认", value: { action: "confirm", token }, style: "primary" },
      { label: "取消", value: { action: "cancel", token }, style: "default" },
    ],
    footer: "回复“确认”保存，回复“取消”放弃（30分钟内有效）",
  };
}

/**
 * The answer to a budget message, or null when the message is not one (the normal intents take it).
 * A budget message replaces any pending confirmation (recorded as replaced, like a newer report).
 */
export async function budgetChatReply(turn: BudgetTurn, message: string): Promise<Reply[] | null> {
  if (!isBudgetMessage(message)) return null;
  const settings = loadMonitoringSettings();
  if (!(await mayEnterBudget(turn, settings))) {
    return say("预算执行数据（年初预算、调整后预算、累计支出）由计划财务装备科或管理员报送，本次未记录。您可以报送本科室指标的完成情况，或问“我们科监控灯”。");
  }
  const tableId = await activeGoalTableId(turn.db.prisma, turn.now);
  if (tableId === null) return say("还没有加载目标表，暂时不能记录预算数据。");
  const table = await turn.db.prisma.goalTable.findUniqueOrThrow({ where: { id: tableId }, select: { year: true } });
  const ids = await ensureProjects(turn.db.prisma, tableId, categoryOf(settings));
  const names = [...ids.keys()];
  const clock = toShanghai(turn.now);
  // The demo table of an earlier year: every month of it has ended.
  const today = { year: table.year, month: clock.year > table.year ? 13 : clock.month };
  const r = readBudgetMessage(message, names, turn.now, today);
  if (!r.ok) return say(`${r.reason}本次未记录。`);
  if (!r.project) {
    const list = r.ambiguous.length ? r.ambiguous : names;
    const head = r.ambiguous.length ? "您指的是哪一个预算项目？请写全项目名称再发一次：" : `没有找到这个预算项目。${table.year}年目标表的预算项目有：`;
    return say([head, ...list.map((n, i) => `${i + 1}. ${n}`), "例如：“10月办案业务及装备经费累计支出386.2万元”。本次未记录。"].join("\n"));
  }
  const figures = (await currentFigures(turn.db.prisma, tableId)).find((f) => f.name === r.project)!;
  const previous = r.kind === "initial" ? figures.initial : r.kind === "adjusted" ? figures.adjusted : figures.spent.get(r.month!) ?? null;
  const base = { project: r.project, kind: r.kind, month: r.month, year: table.year };
  if (previous === r.cents) return say(`已记录过：${what(base)} ${fromCents(r.cents)} 万元，无需重复报送。`);
  const warnings: string[] = [];
  if (r.kind === "spent") {
    // 累计 figures only grow within a year: a smaller one than an earlier month's is worth a second look.
    const earlier = [...figures.spent].filter(([m]) => m < r.month!).sort((a, b) => b[0] - a[0])[0];
    if (earlier && earlier[1] > r.cents) warnings.push(`比${earlier[0]}月的累计支出（${fromCents(earlier[1])} 万元）少，请核对是否为1-${r.month}月累计数。`);
    const budget = budgetOf(figures);
    if (budget !== null && r.cents > budget) warnings.push(`超过该项目全年预算（${fromCents(budget)} 万元）。`);
  }
  const draft: BudgetDraft = { ...base, goalTableId: tableId, cents: r.cents, previous, warnings, rawText: message };
  // A confirmation still waiting is replaced by the budget card: its own card says so from now on —
  // unless it was settled since the turn read it (a card pressed), which its own record says.
  const old = turn.pending;
  const { pending, replaced } = await replacePending(turn.db, turn.user.id, { kind: "confirm_budget", draft }, turn.now, old?.token);
  if (replaced && old && old.kind !== "choose_indicator") {
    await recordSettled(turn.db, old.token, "replaced", turn.now, { title: "已被新的报送替换，未保存", tone: "info", lines: [] });
  }
  return [{ kind: "card", card: budgetConfirmCard(draft, pending.token) }];
}

/** 确认 of a budget card: one BudgetEntry row, then the project's pace against time progress. */
export async function commitBudget(ctx: CommitContext, pending: BudgetPending): Promise<{ card: Card; replies: Reply[] }> {
  const d = pending.draft;
  const settings = loadMonitoringSettings();
  // Claimed by its token first (a typed 确认 racing a card press stores once); answered either way.
  if (!(await claimPending(ctx.db, ctx.user.id, pending.token))) return { ...(await staleAnswer(ctx.db, pending.token)), replies: [] };
  const ids = await ensureProjects(ctx.db.prisma, d.goalTableId, categoryOf(settings));
  await appendEntries(ctx.db.prisma, ids, [{
    project: d.project, kind: d.kind, month: d.month, cents: d.cents, source: "chat", enteredById: ctx.user.id, rawText: d.rawText,
  }], ctx.now);
  const card: Card = { title: `已记录：${what(d)}`, tone: "success", lines: draftLines({ ...d, warnings: [] }) };
  await recordSettled(ctx.db, pending.token, "confirmed", ctx.now, card);
  const figures = (await currentFigures(ctx.db.prisma, d.goalTableId)).find((f) => f.name === d.project);
  const budget = figures ? budgetOf(figures) : null;
  if (d.kind !== "spent") return { card, replies: [] };
  if (budget === null || budget <= 0) return { card, replies: say(`「${d.project}」还没有年初预算或调整后预算，暂不能计算执行率。`) };
  const t = timeProgress(d.month!, settings.timeProgress);
  const pace = budgetPace(d.cents / 100, budget / 100, t, settings.bands);
  const pp = `${pace.pointsVsTime >= 0 ? "+" : ""}${pace.pointsVsTime.toFixed(2)}`;
  return {
    card,
    replies: say(`${LIGHT_ICON[pace.light]}「${d.project}」1-${d.month}月执行率 ${(pace.rate * 100).toFixed(1)}%，时间进度 ${(t * 100).toFixed(1)}%，比时间进度 ${pp} 个百分点。`),
  };
}

/** 取消 of a budget card: nothing stored. */
export async function cancelBudget(ctx: CommitContext, pending: BudgetPending): Promise<Card> {
  if (!(await claimPending(ctx.db, ctx.user.id, pending.token))) {
    throw new AppError("conflict", (await staleAnswer(ctx.db, pending.token)).toast, { token: pending.token });
  }
  const card: Card = { title: "已取消，未保存", tone: "info", lines: draftLines({ ...pending.draft, warnings: [] }) };
  await recordSettled(ctx.db, pending.token, "cancelled", ctx.now, card);
  return card;
}
