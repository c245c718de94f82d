// What both receivers (webhook and long connection) do with a verified event. Messages are only
// persisted here (the receiver acks right after); the inbound pipeline processes them later.
import type { CardAction, IncomingMessage } from "../../messages.js";
import type { Logger } from "../../logger.js";
import type { CardActionAnswer } from "./card-actions.js";
import { toCardAction, toIncomingMessage } from "./payload.js";
import { replyAddress } from "./sender.js";

export const MESSAGE_RECEIVED = "im.message.receive_v1";
export const CARD_ACTION = "card.action.trigger";

export interface FeishuEventHandlers {
  /** Persists the message for processing (throws when it could not: the platform should retry). */
  receive(msg: IncomingMessage): Promise<unknown>;
  answerCardAction(action: CardAction): Promise<CardActionAnswer>;
  /** Transport time (signature windows, receivedAt) — the wall clock, not the business clock. */
  now(): Date;
  /** The bot's own open_id once known (groups: only an @ of the bot counts); undefined → any @ counts. */
  botOpenId?: () => string | undefined;
  log: Logger;
}

/** Returns the body to answer with (a card action's {toast, card}; {} otherwise). */
export async function handleEvent(eventType: string, event: unknown, h: FeishuEventHandlers): Promise<object> {
  if (eventType === MESSAGE_RECEIVED) {
    const n = toIncomingMessage(event, h.now(), h.botOpenId?.());
    if (n.kind === "ignored") h.log.debug({ reason: n.reason }, "feishu message ignored");
    else await h.receive({ ...n.value, replyTo: replyAddress(n.value) });
    return {};
  }
  if (eventType === CARD_ACTION) {
    const n = toCardAction(event);
    if (n.kind === "ignored") {
      h.log.warn({ reason: n.reason }, "feishu card action ignored");
      return {};
    }
    return h.answerCardAction(n.value);
  }
  h.log.debug({ eventType }, "feishu event without a handler");
  return {};
}
