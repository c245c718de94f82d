// The outbox's Sender for the web chat: "delivering" is storing the message in the user's inbox
// (inbox.ts), from where the page shows it in that person's conversation. Target: {userId} — the
// local platform's identity is the user id (conversation/identity.ts); payload: a Reply
// ({kind: "card", card} for reminders and escalations, {kind: "text", text}).
import type { ReplyAddress } from "../../messages.js";
import { PermanentError, type Sender } from "../../outbox/index.js";
import type { LocalInbox } from "./inbox.js";

/** The outbox target of a web chat user (reminders/recipients.ts builds the same shape). */
export interface LocalTarget {
  userId: number;
}

export function localTarget(userId: number): LocalTarget {
  return { userId };
}

function userIdOf(target: ReplyAddress): number {
  const id = target.userId;
  if (typeof id !== "number" || !Number.isInteger(id) || id <= 0) throw new PermanentError(`本地聊天的收件人无效：${JSON.stringify(target)}`);
  return id;
}

export function createLocalSender(inbox: LocalInbox): Sender {
  return {
    platform: "local",
    // The inbox ignores a key it has stored: an attempt whose outcome is unknown may simply be repeated.
    deduplicates: true,
    // Never throws (the worker also asks it while recording a failure).
    rateKey: (target) => (target.userId !== undefined ? String(target.userId) : undefined),
    // No platform limits: nothing leaves this process.
    rateBuckets: () => [],
    async send(target, payload, idempotencyKey) {
      const seq = inbox.deliver(userIdOf(target), idempotencyKey, payload);
      return { externalId: `local-${seq}` };
    },
  };
}
