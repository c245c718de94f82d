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

/** Platforms whose sent cards can be edited, and the outbox target that edits one. */
const EDITABLE: Record<string, (externalId: string) => Record<string, string>> = {
  feishu: (messageId) => ({ update_message_id: messageId }),
};

/**
 * Queues an update of every sent card whose buttons carry `token` (a pending confirmation's token:
 * 72 random bits, so finding it in the stored payload finds exactly those cards). Returns how many.
 */
export async function updateCardsShowing(db: Database, token: string, card: Card, now: Date): Promise<number> {
  if (!/^[A-Za-z0-9_-]{8,}$/.test(token)) return 0;
  const rows = await db.query<{ platform: string; externalId: string }>(
    `SELECT platform::text AS platform, "externalId" FROM "OutboundMessage"
      WHERE status = 'sent' AND "externalId" IS NOT NULL AND strpos(payload::text, $1) > 0 AND NOT (target ? 'update_message_id')`,
    [`"${token}"`],
  );
  const updates = rows.flatMap((r) => {
    const target = EDITABLE[r.platform];
    const messageId = r.externalId.split(",")[0];
    if (!target || !messageId) return [];
    return [{ idempotencyKey: `card-update:${token}:${messageId}`, platform: r.platform as Platform, target: target(messageId), payload: { kind: "card" as const, card } }];
  });
  if (updates.length) await insertOutgoing(db.prisma, updates, now);
  return updates.length;
}
