// card.action.trigger → bot.handleAction, answered within Feishu's 3 s with {toast, card}: the card
// in the answer replaces the pressed one (buttons gone, outcome shown). If the core is slower than
// `answerWithinMs`, the presser gets a "处理中" toast now and the card is updated later through the
// outbox (PATCH of the message). Further replies go to the presser through the outbox; their rows
// commit in the press's own transaction (Bot.handleAction's commit), so a crash cannot store a
// report and lose the note or the 偏差原因 question that goes with it.
import type { Bot } from "../../conversation/types.js";
import type { ActionResult, Card, CardAction } from "../../messages.js";
import type { Database } from "../../db/client.js";
import type { Logger } from "../../logger.js";
import { insertOutgoing, type Outbox, type OutgoingMessage } from "../../outbox/index.js";
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
  const commit = async (tx: Database, result: ActionResult) => {
    const replies = followUps(action, result);
    if (replies.length) await insertOutgoing(tx.prisma, replies, deps.outbox.now());
  };
  const work = deps.bot.handleAction(action, commit).then(
    async (result) => {
      deps.outbox.kick();
      // Only the update of a card answered late ("处理中") is queued after the press: it only redraws
      // the pressed card (pressed again, it says what happened — dialog/settled.ts).
      if (late && result.card && action.messageId) {
        await deps.outbox.enqueue([lateCardUpdate(action, result.card)]).catch((err: unknown) => {
          deps.log.error({ err, action: action.value.action }, "late card update not queued");
        });
      }
      return result;
    },
    (err: unknown) => {
      deps.log.error({ err, action: action.value.action }, "bot.handleAction failed");
      return undefined;
    },
  );
  // `late` is set by the timer itself: the work may finish between the timer and this function's
  // next step, and must then still see that the presser was answered "处理中" (and queue the card).
  const timeout = new Promise<"late">((r) =>
    setTimeout(() => {
      late = true;
      r("late");
    }, deps.answerWithinMs ?? 2_500).unref(),
  );
  const first = await Promise.race([work, timeout]);
  if (first === "late") {
    return { toast: { type: "info", content: "处理中，请稍候…" } };
  }
  if (!first) return { toast: { type: "error", content: "操作失败，请稍后再试" } };
  return {
    toast: { type: first.failed ? "error" : "success", content: first.toast },
    ...(first.card ? { card: { type: "raw", data: renderCard(first.card) } } : {}),
  };
}

const keyBase = (action: CardAction) => `feishu:act:${action.messageId ?? "-"}:${action.value.token}`;

/** The press's further replies, to the presser. */
function followUps(action: CardAction, result: ActionResult): OutgoingMessage[] {
  return (result.replies ?? []).map((reply, i) => ({
    idempotencyKey: `${keyBase(action)}:${i}`,
    platform: "feishu" as const,
    target: { receive_id_type: "open_id", receive_id: action.externalUserId },
    payload: reply,
  }));
}

function lateCardUpdate(action: CardAction, card: Card): OutgoingMessage {
  return {
    idempotencyKey: `${keyBase(action)}:card`,
    platform: "feishu",
    target: { update_message_id: action.messageId },
    payload: { kind: "card", card },
  };
}
