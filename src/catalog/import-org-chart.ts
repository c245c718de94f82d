// Loads the org chart (sections, who owns which indicator, demo staff) idempotently: sections by
// code, users by (name, section), platform identities by (platform, external id). Reloading the
// same file changes nothing; an edited file updates names, aliases, roles and identities.
import type { PrismaClient } from "../generated/prisma/client.js";
import type { OrgChart } from "./catalog-schema.js";

export interface OrgImportResult {
  sections: number;
  users: number;
  /** indicator code → section code, for the catalogue import */
  ownership: Map<string, string>;
}

export interface OrgImportOptions {
  /** false: sections and ownership only, no users (a demo org chart with a messenger configured). */
  users?: boolean;
}

export async function importOrgChart(
  prisma: PrismaClient,
  org: OrgChart,
  departmentCode: string,
  departmentName: string,
  opts: OrgImportOptions = {},
): Promise<OrgImportResult> {
  const users = opts.users === false ? [] : org.users;
  const ownership = new Map<string, string>();
  for (const s of org.sections) {
    for (const code of s.indicators) {
      const previous = ownership.get(code);
      if (previous && previous !== s.code) {
        throw new Error(`org chart: indicator ${code} is owned by both ${previous} and ${s.code}`);
      }
      ownership.set(code, s.code);
    }
  }
  await prisma.$transaction(
    async (tx) => {
      const department = await tx.department.upsert({
        where: { code: departmentCode },
        create: { code: departmentCode, name: departmentName },
        update: {},
      });
      const sectionIds = new Map<string, number>();
      for (const s of org.sections) {
        const row = await tx.section.upsert({
          where: { code: s.code },
          create: { code: s.code, name: s.name, aliases: s.aliases, departmentId: department.id },
          update: { name: s.name, aliases: s.aliases },
        });
        sectionIds.set(s.code, row.id);
      }
      for (const u of users) {
        const sectionId = u.section ? sectionIds.get(u.section) : null;
        if (u.section && sectionId === undefined) throw new Error(`org chart: user ${u.name} has unknown section ${u.section}`);
        const existing = await tx.user.findFirst({ where: { name: u.name, sectionId: sectionId ?? null } });
        const user = existing
          ? await tx.user.update({ where: { id: existing.id }, data: { role: u.role } })
          : await tx.user.create({ data: { name: u.name, sectionId: sectionId ?? null, role: u.role } });
        const ids: Array<["feishu" | "dingtalk" | "local", string | null]> = [
          ["feishu", u.feishuOpenId],
          ["dingtalk", u.dingtalkStaffId],
        ];
        for (const [platform, externalId] of ids) {
          if (!externalId) continue;
          await tx.identity.upsert({
            where: { platform_externalId: { platform, externalId } },
            create: { platform, externalId, userId: user.id },
            update: { userId: user.id },
          });
        }
      }
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  return { sections: org.sections.length, users: users.length, ownership };
}
