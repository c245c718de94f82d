// The recipient queue of an outbox row: messages with one key go out strictly in order, a later
// one waiting behind an earlier one that is still being retried. The key is the person or chat
// the platform delivers to — the same field each sender uses as its rate-limit recipient:
//   Feishu   {receive_id_type, receive_id}                → receive_id (open_id or chat_id)
//   DingTalk {staffId?, sessionWebhook?, openConversationId?} → staffId, else the group, else the webhook
// Anything else (a card update by message id, the local web chat) queues by its whole target.
import type { ReplyAddress } from "../messages.js";

export function orderKeyOf(platform: string, t: ReplyAddress): string {
  const recipient = [t.receive_id, t.staffId, t.openConversationId, t.sessionWebhook].find((v) => typeof v === "string" && v !== "");
  return `${platform}:${typeof recipient === "string" ? recipient : JSON.stringify(t)}`;
}
