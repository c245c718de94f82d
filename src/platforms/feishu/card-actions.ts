// card.action.trigger → bot.handleAction, answered within Feishu's 3 s with {toast, card}: the card
// in the answer replaces the pressed one (buttons gone, outcome shown). If the core is slower than
// `answerWithinMs`, the presser gets a "处理中" toast now and the card is updated later through the
// outbox (PATCH of the message). Further replies go to the presser through the outbox.
import type { Bot } from "../../conversation/types.js";
import type { ActionResult, CardAction } from "../../messages.js";
import type { Logger } from "../../logger.js";
import type { Outbox, OutgoingMessage } from "../../outbox/index.js";
import { renderCard } from "./render.js";

export interface CardActionAnswer {
  toast: { type: "success" | "info" | "warning" | "error"; content: string };
  card?: { type: "raw"; data: Record<string, unknown> };
}

/** What answerCardAction works with; `answerWithinMs`: Feishu's 3 s, less a margin, by default. */
export interface FeishuCardActionOptions {
  bot: Bot;
  outbox: Outbox;
  log: Logger;
  answerWithinMs?: number;
}

export async function answerCardAction(action: CardAction, deps: FeishuCardActionOptions): Promise<CardActionAnswer> {
  let late = false;
  // Never rejects: when the answer has already gone ("late") nobody awaits `work`, and a rejection
  // there would be unhandled (Node ends the process). The action itself is done either way, so a
  // follow-up that could not be queued is logged and the presser still gets the outcome.
  const work = deps.bot.handleAction(action).then(
    async (result) => {
      try {
        await enqueueFollowUps(action, result, deps.outbox, late);
      } catch (err) {
        deps.log.error({ err, action: action.value.action, late }, "card action follow-ups not queued");
      }
      return result;
    },
    (err: unknown) => {
      deps.log.error({ err, action: action.value.action }, "bot.handleAction failed");
      return undefined;
    },
  );
  const timeout = new Promise<"late">((r) => setTimeout(() => r("late"), deps.answerWithinMs ?? 2_500).unref());
  const first = await Promise.race([work, timeout]);
  if (first === "late") {
    late = true;
    return { toast: { type: "info", content: "处理中，请稍候…" } };
  }
  if (!first) return { toast: { type: "error", content: "操作失败，请稍后再试" } };
  return {
    toast: { type: "success", content: first.toast },
    ...(first.card ? { card: { type: "raw", data: renderCard(first.card) } } : {}),
  };
}

async function enqueueFollowUps(action: CardAction, result: ActionResult, outbox: Outbox, late: boolean): Promise<void> {
  const base = `feishu:act:${action.messageId ?? "-"}:${action.value.token}`;
  const messages: OutgoingMessage[] = (result.replies ?? []).map((reply, i) => ({
    idempotencyKey: `${base}:${i}`,
    platform: "feishu" as const,
    target: { receive_id_type: "open_id", receive_id: action.externalUserId },
    payload: reply,
  }));
  if (late && result.card && action.messageId) {
    messages.push({
      idempotencyKey: `${base}:card`,
      platform: "feishu",
      target: { update_message_id: action.messageId },
      payload: { kind: "card", card: result.card },
    });
  }
  await outbox.enqueue(messages);
}
