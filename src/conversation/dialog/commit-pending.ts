// 确认 / 取消 of the pending report, shared by typed replies and card buttons. A button carries the
// token of the pending state it was drawn for; a different token means the card is stale. Each
// settlement first claims the pending row by its token (claimPending: delete if still open), so of
// a typed 确认 and a card press racing each other exactly one stores; the other answers what
// happened ("已于 10:02 确认保存").
import type { Database } from "../../db/client.js";
import type { Card, Reply } from "../types.js";
import type { IndicatorCatalog } from "../indicator-catalog.js";
import type { BotUser } from "../../users/directory.js";
import { claimPending, type Pending } from "./pending-state.js";
import { AppError } from "../../errors.js";
import { batchDoneCard } from "../replies/batch-card.js";
import { cancelledCard, confirmedCard } from "../replies/confirm-card.js";
import { recordSettled, staleAnswer } from "./settled.js";
import { progressOf } from "../progress-view.js";
import { progressSummary } from "../replies/progress-card.js";
import type { TurnPorts } from "../ports.js";

export interface CommitContext {
  db: Database;
  user: BotUser;
  catalog: IndicatorCatalog;
  /** The business clock's now: a report is stamped with it (BOT_NOW demos, tests). */
  now: Date;
  today: string;
  ports: Pick<TurnPorts, "monitoring" | "budget" | "reports">;
}

export type ConfirmPending = Extract<Pending, { kind: "confirm_report" }>;

/** The outcome of a 确认: its card and follow-ups; `toast` only when it had been settled already (stale). */
export interface Committed {
  card: Card;
  replies: Reply[];
  toast?: string;
}

/** Stores the confirmed draft; returns the outcome card and a one-line progress note. */
export async function commitPending(ctx: CommitContext, pending: ConfirmPending): Promise<Committed> {
  const ind = ctx.catalog.byId.get(pending.draft.indicatorId);
  // Claimed before storing: confirmed or refused as a conflict, either way this draft is answered.
  if (!(await claimPending(ctx.db, ctx.user.id, pending.token))) return { ...(await staleAnswer(ctx.db, pending.token)), replies: [] };
  await ctx.ports.reports.append(ctx.db, pending.draft, ctx.user.id, ctx.now);
  const card: Card = ind ? confirmedCard(ind, pending.draft) : { title: "已记录", tone: "success", lines: [] };
  await recordSettled(ctx.db, pending.token, pending.draft.action === "withdraw" ? "withdrawn" : "confirmed", ctx.now, card);
  if (!ind) return { card, replies: [] };
  const [view] = await progressOf(ctx, [ind]);
  const note = view ? `「${ind.name}」${ind.year}年：${progressSummary(view.progress)}。` : "";
  // In a monitoring round a yellow/red result asks for 偏差原因 once (src/monitoring).
  const reason = await ctx.ports.monitoring.askReasonsAfterReport(ctx.db, ctx.now, ctx.user.id, [ind]);
  return { card, replies: [...(note ? [{ kind: "text" as const, text: note }] : []), ...reason] };
}

export type ConfirmBatch = Extract<Pending, { kind: "confirm_batch" }>;

/** Stores every storable line of a several-item report in one transaction (all or none). */
export async function commitBatch(ctx: CommitContext, pending: ConfirmBatch): Promise<Committed> {
  const drafts = pending.lines.flatMap((l) => (l.draft ? [l.draft] : []));
  if (!(await claimPending(ctx.db, ctx.user.id, pending.token))) return { ...(await staleAnswer(ctx.db, pending.token)), replies: [] };
  await ctx.ports.reports.appendMany(ctx.db, drafts, ctx.user.id, ctx.now);
  const card = batchDoneCard(ctx.catalog, pending.lines, true);
  await recordSettled(ctx.db, pending.token, "confirmed", ctx.now, card);
  // Every stored line left yellow/red in a monitoring round: 偏差原因, once per indicator (src/monitoring).
  const stored = drafts.flatMap((d) => (d.withdrawn ? [] : [ctx.catalog.byId.get(d.indicatorId)].filter((i) => i !== undefined)));
  return { card, replies: await ctx.ports.monitoring.askReasonsAfterReport(ctx.db, ctx.now, ctx.user.id, stored) };
}

/** Drops the pending dialog; an AppError with what happened when it was settled meanwhile. */
export async function cancelPending(ctx: CommitContext, pending: Pending): Promise<Card> {
  if (pending.kind === "confirm_budget") return ctx.ports.budget.cancel(ctx, pending);
  if (!(await claimPending(ctx.db, ctx.user.id, pending.token))) {
    throw new AppError("conflict", (await staleAnswer(ctx.db, pending.token)).toast, { token: pending.token });
  }
  if (pending.kind === "confirm_batch") {
    const card = batchDoneCard(ctx.catalog, pending.lines, false);
    await recordSettled(ctx.db, pending.token, "cancelled", ctx.now, card);
    return card;
  }
  if (pending.kind !== "confirm_report") return { title: "已取消", tone: "info", lines: [] };
  const card = cancelledCard(ctx.catalog.byId.get(pending.draft.indicatorId), pending.draft);
  await recordSettled(ctx.db, pending.token, "cancelled", ctx.now, card);
  return card;
}
