// The outbox's Sender for the web chat: "delivering" is storing the message in the user's inbox
// (inbox.ts), from where the page shows it in that person's conversation. Target: {userId} — the
// local platform's identity is the user id (conversation/identity.ts); payload: a Reply
// ({kind: "card", card} for reminders and escalations, {kind: "text", text}).
import type { Reply } from "../../conversation/types.js";
import { PermanentError, type Json, type Sender } from "../../outbox/index.js";
import type { LocalInbox } from "./inbox.js";

/** The outbox target of a web chat user (reminders/recipients.ts builds the same shape). */
export interface LocalTarget {
  userId: number;
}

export function localTarget(userId: number): LocalTarget {
  return { userId };
}

function userIdOf(target: Json): number {
  const id = target && typeof target === "object" && !Array.isArray(target) ? target.userId : undefined;
  if (typeof id !== "number" || !Number.isInteger(id) || id <= 0) throw new PermanentError(`本地聊天的收件人无效：${JSON.stringify(target)}`);
  return id;
}

function replyOf(payload: Json): Reply {
  const p = payload && typeof payload === "object" && !Array.isArray(payload) ? payload : {};
  if (p.kind === "text" && typeof p.text === "string") return { kind: "text", text: p.text };
  const card = p.card;
  if (p.kind === "card" && card && typeof card === "object" && !Array.isArray(card) && typeof card.title === "string" && Array.isArray(card.lines)) {
    return { kind: "card", card: card as unknown as Extract<Reply, { kind: "card" }>["card"] };
  }
  throw new PermanentError("本地聊天无法显示这条消息（既不是文字也不是卡片）");
}

export function createLocalSender(inbox: LocalInbox): Sender {
  return {
    platform: "local",
    // The inbox ignores a key it has stored: an attempt whose outcome is unknown may simply be repeated.
    deduplicates: true,
    // Never throws (the worker also asks it while recording a failure).
    rateKey: (target) => (target && typeof target === "object" && !Array.isArray(target) && target.userId !== undefined ? String(target.userId) : undefined),
    // No platform limits: nothing leaves this process.
    rateBuckets: () => [],
    async send(target, payload, idempotencyKey) {
      const seq = inbox.deliver(userIdOf(target), idempotencyKey, replyOf(payload));
      return { externalId: `local-${seq}` };
    },
  };
}
