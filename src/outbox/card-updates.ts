// Changing cards that were already sent, when what they ask about has been settled elsewhere (a
// confirmation card answered by typing 确认, replaced by a newer report, expired). Only Feishu can
// edit a sent message: `im.v1.message.patch` on the message_id the send returned (the outbox row's
// externalId; https://open.feishu.cn/document/server-docs/im-v1/message-card/patch — cards only,
// within 14 days). DingTalk robot messages cannot be edited, and its cards are text: nothing to do.
// The updates are ordinary outbox rows (target {update_message_id}, see platforms/feishu/sender.ts),
// so they are retried and sent once like every other message.
import type { Database } from "../db/client.js";
import type { Card, Platform } from "../messages.js";
import { insertOutgoing } from "./store.js";
import { Prisma } from "../generated/prisma/client.js";

/** Platforms whose sent cards can be edited, and the outbox target that edits one. */
const EDITABLE: Record<string, (externalId: string) => Record<string, string>> = {
  feishu: (messageId) => ({ update_message_id: messageId }),
};

/** A pending confirmation's token as it can appear in a card (72 random bits, base64url). */
export function isCardToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{8,}$/.test(token);
}

/** One sent card showing a token: where it went and the platform's message id(s). */
export interface SentCard {
  platform: string;
  externalId: string;
}

/**
 * The query of every sent card whose buttons carry `token` (finding the quoted token in the stored
 * payload finds exactly those cards), for a caller that folds it into a statement of its own
 * (conversation/dialog/settled.ts: the settlement's audit row and this in one round trip).
 */
export function sentCardsShowing(token: string): Prisma.Sql {
  return Prisma.sql`SELECT platform::text AS platform, "externalId" FROM "OutboundMessage"
      WHERE status = 'sent' AND "externalId" IS NOT NULL AND strpos(payload::text, ${`"${token}"`}) > 0 AND NOT (target ? 'update_message_id')`;
}

/** Queues an update of each of `sent` (the cards showing `token`) to `card`. Returns how many. */
export async function queueCardUpdates(db: Database, token: string, sent: SentCard[], card: Card, now: Date): Promise<number> {
  const updates = sent.flatMap((r) => {
    const target = EDITABLE[r.platform];
    const messageId = r.externalId.split(",")[0];
    if (!target || !messageId) return [];
    return [{ idempotencyKey: `card-update:${token}:${messageId}`, platform: r.platform as Platform, target: target(messageId), payload: { kind: "card" as const, card } }];
  });
  if (updates.length) await insertOutgoing(db.prisma, updates, now);
  return updates.length;
}
