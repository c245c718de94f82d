// Adding, finding and binding users (one use-case per function, zod-checked at the CLI edge).
import type { PrismaClient } from "../generated/prisma/client.js";
import { AppError } from "../errors.js";

export type RoleName = "staff" | "head" | "admin";

export interface NewUser {
  name: string;
  /** section code or name; admins may have none */
  section?: string;
  role: RoleName;
  feishuOpenId?: string;
  dingtalkStaffId?: string;
}

export async function findSection(prisma: PrismaClient, key: string) {
  const section = await prisma.section.findFirst({
    where: { OR: [{ code: key }, { name: key }, { aliases: { has: key } }] },
  });
  if (!section) {
    const known = (await prisma.section.findMany({ select: { code: true } })).map((s) => s.code);
    throw new AppError("not_found", `没有这个科室“${key}”（已有：${known.join("、")}）`);
  }
  return section;
}

/** A user by numeric id or exact name; an ambiguous name is an error that lists the choices. */
export async function findUser(prisma: PrismaClient, key: string) {
  const include = { section: true } as const;
  if (/^\d+$/.test(key)) {
    const byId = await prisma.user.findUnique({ where: { id: Number(key) }, include });
    if (byId) return byId;
  }
  const byName = await prisma.user.findMany({ where: { name: key }, include });
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) {
    throw new AppError("bad_argument", `有多名人员叫 ${key}：编号 ${byName.map((u) => u.id).join("、")}，请用编号`);
  }
  throw new AppError("not_found", `没有这个人员“${key}”`);
}

export async function addUser(prisma: PrismaClient, input: NewUser) {
  if (input.role !== "admin" && !input.section) throw new AppError("bad_argument", "科员和科长需要 --section <科室>");
  const section = input.section ? await findSection(prisma, input.section) : null;
  return prisma.$transaction(async (tx) => {
    const dup = await tx.user.findFirst({ where: { name: input.name, sectionId: section?.id ?? null } });
    if (dup) throw new AppError("conflict", `${section?.name ?? "局机关"}已有 ${input.name}（编号 ${dup.id}）`);
    const user = await tx.user.create({ data: { name: input.name, role: input.role, sectionId: section?.id ?? null } });
    await bindIdentities(tx as unknown as PrismaClient, user.id, input);
    return user;
  });
}

/** Binds messenger accounts to a user; an account bound to someone else is refused. */
export async function bindIdentities(
  prisma: PrismaClient,
  userId: number,
  ids: { feishuOpenId?: string; dingtalkStaffId?: string },
): Promise<void> {
  const pairs: Array<["feishu" | "dingtalk", string | undefined]> = [
    ["feishu", ids.feishuOpenId],
    ["dingtalk", ids.dingtalkStaffId],
  ];
  for (const [platform, externalId] of pairs) {
    if (!externalId) continue;
    const existing = await prisma.identity.findUnique({ where: { platform_externalId: { platform, externalId } } });
    if (existing && existing.userId !== userId) {
      throw new AppError("conflict", `${platform === "feishu" ? "飞书" : platform === "dingtalk" ? "钉钉" : platform} 账号 ${externalId} 已绑定到人员 ${existing.userId}`);
    }
    if (!existing) await prisma.identity.create({ data: { platform, externalId, userId } });
  }
}
