// Who is talking: a platform identity (Feishu open_id, DingTalk staffId) → User + Section (read by
// users/directory.ts, the one identity lookup) — and, in the same statement, the user's open dialog
// row (ConversationState), so a turn learns who is talking and what they were asked in one round
// trip (issue 15). The local chat and the CLI speak as a user directly: their externalId is the
// user id as a string.
import type { Database } from "../db/client.js";
import type { Platform } from "../messages.js";
import type { Role } from "../domain/permissions.js";
import { Prisma } from "../generated/prisma/client.js";

/**
 * The user's ConversationState row exactly as stored (conversation/dialog/pending-state.ts reads
 * it): a snapshot taken with the identity, before the turn's transaction. Every write that depends
 * on it names the token it saw (compare-and-set), so a card pressed in between is never overwritten
 * silently.
 */
export interface DialogRow {
  kind: string;
  payload: unknown;
  expiresAt: Date;
}

export interface BotUser {
  id: number;
  name: string;
  role: Role;
  sectionId: number | null;
  sectionName: string | null;
  /** Read with the identity: the open dialog row, null when none (undefined: not read here). */
  dialog?: DialogRow | null;
}

interface Row {
  id: number;
  name: string;
  role: Role;
  sectionId: number | null;
  sectionName: string | null;
  dialogKind: string | null;
  dialogPayload: unknown;
  dialogExpiresAt: Date | null;
}

/** The active user behind (platform, externalId) with section name and open dialog, or null. One statement. */
export async function findBotUser(db: Database, platform: Platform, externalId: string): Promise<BotUser | null> {
  let who: Prisma.Sql;
  if (platform === "local") {
    if (!/^\d{1,9}$/.test(externalId)) return null;
    who = Prisma.sql`u.id = ${Number(externalId)}`;
  } else {
    who = Prisma.sql`u.id = (SELECT i."userId" FROM "Identity" i WHERE i.platform = ${platform}::"Platform" AND i."externalId" = ${externalId})`;
  }
  const [row] = await db.prisma.$queryRaw<Row[]>`
    SELECT u.id, u.name, u.role::text AS role, u."sectionId", s.name AS "sectionName",
           c.kind AS "dialogKind", c.payload AS "dialogPayload", c."expiresAt" AS "dialogExpiresAt"
      FROM "User" u
      LEFT JOIN "Section" s ON s.id = u."sectionId"
      LEFT JOIN "ConversationState" c ON c."userId" = u.id
     WHERE ${who} AND u.active`;
  if (!row) return null;
  const dialog = row.dialogKind === null ? null : { kind: row.dialogKind, payload: row.dialogPayload, expiresAt: row.dialogExpiresAt! };
  return { id: row.id, name: row.name, role: row.role, sectionId: row.sectionId, sectionName: row.sectionName, dialog };
}
