// Self-service binding: a messenger account nobody has bound yet, whose section the messenger's own
// directory vouches for (Feishu contact department → FEISHU_DEPARTMENT_MAP), becomes a staff User
// of that section. Platform-neutral: the edge looks the person up and says which section; this
// creates User + Identity + an AuditLog row ("user.auto_bind") in one transaction.
// Idempotent under redelivery and concurrency: the unique (platform, externalId) index decides. If
// someone else bound the account first (another instance, an admin), theirs stands ("existing").
// Never takes over an existing user: a namesake already in the section ((name, sectionId) is
// unique) is left to an admin (`users bind`), because the bot cannot tell a namesake from the person.
import type { Database } from "../db/client.js";
import { Prisma } from "../generated/prisma/client.js";

export interface ProvisionRequest {
  platform: "feishu" | "dingtalk";
  externalId: string;
  /** The person's display name in the messenger's directory. */
  name: string;
  /** A Section.code. */
  sectionCode: string;
  /** Why this section (e.g. {departmentId}); kept in the audit row. */
  evidence?: Record<string, string>;
  /** The audit row's time. */
  now: Date;
}

export type ProvisionOutcome =
  | { kind: "created"; userId: number }
  /** The account was bound already (a racing instance, an admin): nothing created. */
  | { kind: "existing"; userId: number }
  | { kind: "unknown_section" }
  /** A user of that name exists in the section already: an admin decides. */
  | { kind: "name_taken"; userId: number };

export async function provisionUser(db: Database, req: ProvisionRequest): Promise<ProvisionOutcome> {
  const { platform, externalId, sectionCode } = req;
  const name = req.name.trim();
  const where = { platform_externalId: { platform, externalId } };
  const bound = await db.prisma.identity.findUnique({ where });
  if (bound) return { kind: "existing", userId: bound.userId };
  const section = await db.prisma.section.findUnique({ where: { code: sectionCode } });
  if (!section) return { kind: "unknown_section" };
  const namesake = await db.prisma.user.findFirst({ where: { name, sectionId: section.id } });
  // The namesake may be a racing provisioning of this very account, committed after our first look
  // (its user and identity commit together, so the identity is visible now).
  if (namesake) return (await boundOrTaken(db, where, namesake.id)) ?? { kind: "name_taken", userId: namesake.id };
  try {
    return await db.prisma.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { name, role: "staff", sectionId: section.id } });
      await tx.identity.create({ data: { platform, externalId, userId: user.id } });
      await tx.auditLog.create({
        data: {
          at: req.now,
          actorUserId: null,
          action: "user.auto_bind",
          subject: `user:${user.id}`,
          detail: { platform, externalId, name, section: section.code, role: "staff", ...req.evidence },
        },
      });
      return { kind: "created" as const, userId: user.id };
    });
  } catch (err) {
    if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")) throw err;
    // Lost a race: on the Identity index (someone bound the account) or on (name, sectionId).
    const other = await db.prisma.user.findFirst({ where: { name, sectionId: section.id } });
    const outcome = await boundOrTaken(db, where, other?.id);
    if (outcome) return outcome;
    throw err;
  }
}

async function boundOrTaken(
  db: Database,
  where: { platform_externalId: { platform: "feishu" | "dingtalk"; externalId: string } },
  namesakeId: number | undefined,
): Promise<ProvisionOutcome | undefined> {
  const winner = await db.prisma.identity.findUnique({ where });
  if (winner) return { kind: "existing", userId: winner.userId };
  return namesakeId === undefined ? undefined : { kind: "name_taken", userId: namesakeId };
}
