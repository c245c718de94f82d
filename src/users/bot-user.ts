// Who is talking: a platform identity (Feishu open_id, DingTalk staffId) → User + Section (read by
// users/directory.ts, the one identity lookup).
// The local chat and the CLI speak as a user directly: their externalId is the user id as a string.
import type { Database } from "../db/client.js";
import type { Platform } from "../messages.js";
import type { Role } from "../domain/permissions.js";

export interface BotUser {
  id: number;
  name: string;
  role: Role;
  sectionId: number | null;
  sectionName: string | null;
}

export async function findBotUser(db: Database, platform: Platform, externalId: string): Promise<BotUser | null> {
  const include = { section: { select: { name: true } } } as const;
  let user;
  if (platform === "local") {
    if (!/^\d{1,9}$/.test(externalId)) return null;
    user = await db.prisma.user.findUnique({ where: { id: Number(externalId) }, include });
  } else {
    const identity = await db.prisma.identity.findUnique({
      where: { platform_externalId: { platform, externalId } },
      include: { user: { include } },
    });
    user = identity?.user ?? null;
  }
  if (!user || !user.active) return null;
  return { id: user.id, name: user.name, role: user.role, sectionId: user.sectionId, sectionName: user.section?.name ?? null };
}
