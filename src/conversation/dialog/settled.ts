// A pending confirmation is settled by one of four routes: 确认 (button or typed), 取消 (button or
// typed), expiry, or a newer report that replaces it. Each settlement is recorded (AuditLog
// "pending.settled", subject "pending:<token>") with the card as it should now look, and every
// sent card showing that token is updated (src/outbox/card-updates.ts). Pressing a settled card's
// button later answers what happened ("已于 10:02 确认保存") — never "请重新发送", which would
// invite a second report of data already saved.
import type { Database } from "../../db/client.js";
import type { Card } from "../types.js";
import { toShanghai } from "../../domain/shanghai-time.js";
import { isCardToken, queueCardUpdates, sentCardsShowing, type SentCard } from "../../outbox/card-updates.js";
import { staleCard } from "../replies/confirm-card.js";

export type Outcome = "confirmed" | "withdrawn" | "cancelled" | "expired" | "replaced";

const WORDS: Record<Outcome, string> = {
  confirmed: "确认保存",
  withdrawn: "确认撤回",
  cancelled: "取消，未保存",
  expired: "过期失效，未保存",
  replaced: "被新的报送替换，未保存",
};

/**
 * Records the settlement and queues the update of the cards showing `token`: the AuditLog row and
 * the look-up of those cards are one statement (a data-modifying CTE, always run to completion),
 * plus one insert into the outbox when a sent card can be edited (Feishu).
 */
export async function recordSettled(db: Database, token: string, outcome: Outcome, at: Date, card: Card): Promise<void> {
  const shown: Card = { ...card, buttons: [], footer: `已于 ${clock(at)} ${WORDS[outcome]}` };
  const detail = JSON.stringify({ outcome, card: shown });
  if (!isCardToken(token)) {
    await db.prisma.auditLog.create({ data: { at, action: "pending.settled", subject: `pending:${token}`, detail: { outcome, card: shown } as object } });
    return;
  }
  const sent = await db.prisma.$queryRaw<SentCard[]>`
    WITH settled AS (
      INSERT INTO "AuditLog" (at, action, subject, detail)
      VALUES ((${at.toISOString()}::timestamptz AT TIME ZONE 'UTC'), 'pending.settled', ${`pending:${token}`}, ${detail}::jsonb)
    )
    ${sentCardsShowing(token)}`;
  await queueCardUpdates(db, token, sent, shown, at);
}

/** What to answer for a confirmation that is no longer open: what happened to it, else "该确认已失效". */
export async function staleAnswer(db: Database, token: string): Promise<{ toast: string; card: Card }> {
  return (await settledAnswer(db, token)) ?? { toast: "该确认已失效", card: staleCard };
}

/** What happened to the confirmation of `token`, if it was settled: the toast and the card. */
export async function settledAnswer(db: Database, token: string): Promise<{ toast: string; card: Card } | null> {
  const row = await db.prisma.auditLog.findFirst({ where: { action: "pending.settled", subject: `pending:${token}` }, orderBy: { id: "desc" } });
  if (!row) return null;
  const detail = row.detail as unknown as { outcome: Outcome; card: Card };
  return { toast: `已于 ${clock(row.at)} ${WORDS[detail.outcome]}`, card: detail.card };
}

/** "10:02" in Asia/Shanghai. */
function clock(at: Date): string {
  const l = toShanghai(at);
  return `${String(l.hour).padStart(2, "0")}:${String(l.minute).padStart(2, "0")}`;
}
