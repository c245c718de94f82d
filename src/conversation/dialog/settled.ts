// A pending confirmation is settled by one of four routes: 确认 (button or typed), 取消 (button or
// typed), expiry, or a newer report that replaces it. Each settlement is recorded (AuditLog
// "pending.settled", subject "pending:<token>") with the card as it should now look, and every
// sent card showing that token is updated (src/outbox/card-updates.ts). Pressing a settled card's
// button later answers what happened ("已于 10:02 确认保存") — never "请重新发送", which would
// invite a second report of data already saved.
import type { Database } from "../../db/client.js";
import type { Card } from "../types.js";
import { toShanghai } from "../../domain/shanghai-time.js";
import { updateCardsShowing } from "../../outbox/card-updates.js";

export type Outcome = "confirmed" | "withdrawn" | "cancelled" | "expired" | "replaced";

const WORDS: Record<Outcome, string> = {
  confirmed: "确认保存",
  withdrawn: "确认撤回",
  cancelled: "取消，未保存",
  expired: "过期失效，未保存",
  replaced: "被新的报送替换，未保存",
};

export async function recordSettled(db: Database, token: string, outcome: Outcome, at: Date, card: Card): Promise<void> {
  const shown: Card = { ...card, buttons: [], footer: `已于 ${clock(at)} ${WORDS[outcome]}` };
  await db.prisma.auditLog.create({ data: { at, action: "pending.settled", subject: `pending:${token}`, detail: { outcome, card: shown } as object } });
  await updateCardsShowing(db, token, shown, at);
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
