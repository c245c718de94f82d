// Card buttons (确认 / 取消). The button's token must be the user's current pending token: a card
// drawn for an earlier, replaced or expired report stores nothing and answers what happened to it
// ("已于 10:02 确认保存", src/conversation/dialog/settled.ts).
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/client.js";
import type { ActionResult, CardAction } from "../types.js";
import type { IndicatorCatalog } from "../indicator-catalog.js";
import { shanghaiDate } from "../../domain/shanghai-time.js";
import type { BotUser } from "../../users/bot-user.js";
import type { TurnPorts } from "../ports.js";
import { loadPending } from "./pending-state.js";
import { cancelPending, commitBatch, commitPending } from "./commit-pending.js";
import { staleCard } from "../replies/confirm-card.js";
import { settledAnswer } from "./settled.js";
import { OPEN_FORM, openReportForm, SUBMIT_FORM, submitReportForm } from "./report-form.js";

/** What a button press may use: the transaction, the clock, the catalogue and the ports it answers through. */
export interface CardActionTurn {
  db: Database;
  clock: Clock;
  catalog: (now: Date) => Promise<IndicatorCatalog>;
  ports: Pick<TurnPorts, "monitoring" | "budget" | "reports">;
}

/** `user`: the presser as the directory resolved them (null: not bound). */
export async function handleCardAction(deps: CardActionTurn, user: BotUser | null, action: CardAction): Promise<ActionResult> {
  if (!user) return { toast: "您的账号还没有开通绩效助手，请联系办公室管理员开通。" };
  const now = deps.clock.now();
  const pending = await loadPending(deps.db, user.id, now);
  // The reminder's 填报 button and its form (issue 12 item 3): not tied to a pending confirmation.
  if (action.value.action === OPEN_FORM || action.value.action === SUBMIT_FORM) {
    const ctx = { db: deps.db, user, catalog: await deps.catalog(now), now, today: shanghaiDate(now), pending, ports: deps.ports };
    return action.value.action === OPEN_FORM ? openReportForm(ctx) : submitReportForm(ctx, action.formValue ?? {});
  }
  if (!pending || pending.token !== action.value.token || pending.kind === "choose_indicator") {
    // Settled by another route (typed 确认, a newer report, expiry): say what happened.
    return (await settledAnswer(deps.db, action.value.token)) ?? { toast: "该确认已失效", card: staleCard };
  }
  if (pending.kind === "deviation_reason") return deps.ports.monitoring.answerReasonButton(deps.db, now, user.id, pending, action.value.action);
  const ctx = { db: deps.db, user, catalog: await deps.catalog(now), now, today: shanghaiDate(now), ports: deps.ports };
  if (action.value.action === "confirm") {
    if (pending.kind === "confirm_batch") return { toast: "已记录", ...(await commitBatch(ctx, pending)) };
    if (pending.kind === "confirm_budget") return { toast: "已记录", ...(await ctx.ports.budget.commit(ctx, pending)) };
    const { card, replies, toast } = await commitPending(ctx, pending);
    return { toast: toast ?? (pending.draft.action === "withdraw" ? "已撤回" : "已记录"), card, replies };
  }
  if (action.value.action === "cancel") {
    return { toast: "已取消", card: await cancelPending(ctx, pending) };
  }
  return { toast: "未知操作" };
}
