// One body per (timestamp, sign) pair on DingTalk HTTP callbacks (issue 10 item 9).
// Protocol fact [doc: https://open.dingtalk.com/document/orgapp/receive-message, "接收消息" →
// 验证签名]: sign = base64(HmacSHA256(appSecret, timestamp + "\n" + appSecret)) — it covers the
// timestamp header only, not the body, so a captured pair is a valid signature for ANY body for the
// whole skew window (also noted by agentscope's DingTalk channel docs: "请求签名仅认证 timestamp
// 请求头…被截获的签名对在有效时间窗口内仍可重放"). We therefore remember each pair with the hash of
// the body it came with: the same body again is a redelivery (the inbound pipeline de-duplicates it
// by msgId), another body under a seen pair is a replay and is refused.
// Kept in the database, not in memory: a second instance or a restart must refuse the replay too.
// Rows expire with their timestamp's window (after that the signature check refuses the pair anyway).
import { createHash } from "node:crypto";
import type { Database } from "../../db/client.js";

export type PairCheck = "first" | "redelivery" | "replay";

export function bodyHash(rawBody: Buffer): string {
  return createHash("sha256").update(rawBody).digest("hex");
}

/** Records the pair for this body; says whether it is new, the same body again, or a replay. */
export async function checkCallbackPair(
  db: Database,
  p: { timestamp: string; sign: string; rawBody: Buffer; windowMs: number; now: Date },
): Promise<PairCheck> {
  const pair = `${p.timestamp}:${p.sign}`;
  const hash = bodyHash(p.rawBody);
  const expiresAt = new Date(Number(p.timestamp) + p.windowMs);
  const inserted = await db.query(
    `INSERT INTO "DingTalkCallbackSeen" (pair, "bodyHash", "expiresAt") VALUES ($1, $2, $3::timestamp)
     ON CONFLICT (pair) DO NOTHING RETURNING pair`,
    [pair, hash, expiresAt.toISOString()],
  );
  if (inserted.length) return "first";
  const seen = await db.query<{ bodyHash: string }>(`SELECT "bodyHash" FROM "DingTalkCallbackSeen" WHERE pair = $1`, [pair]);
  return seen[0]?.bodyHash === hash ? "redelivery" : "replay";
}

/** Deletes pairs whose window has passed; returns how many. */
export async function pruneCallbackPairs(db: Database, now: Date): Promise<number> {
  const rows = await db.query(`DELETE FROM "DingTalkCallbackSeen" WHERE "expiresAt" < $1::timestamp RETURNING pair`, [now.toISOString()]);
  return rows.length;
}
