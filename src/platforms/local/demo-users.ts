// The people the local web chat lets you speak as: every active user from the org chart, grouped
// by section (sections in the org chart's order), heads first. Users without a section (bureau-wide
// admins) come last under their own heading.
import type { Database } from "../../db/client.js";

export type Role = "head" | "staff" | "admin";

export interface DemoUser {
  id: number;
  name: string;
  role: Role;
}

export interface DemoSection {
  name: string;
  users: DemoUser[];
}

const ROLE_ORDER: Record<Role, number> = { head: 0, staff: 1, admin: 2 };
const NO_SECTION = "局机关（未分科室）";

export async function listDemoUsers(db: Database): Promise<DemoSection[]> {
  const users = await db.prisma.user.findMany({
    where: { active: true },
    select: { id: true, name: true, role: true, section: { select: { id: true, name: true } } },
    orderBy: { id: "asc" },
  });
  const groups = new Map<number | null, DemoSection>();
  const sorted = [...users].sort((a, b) => (a.section?.id ?? Infinity) - (b.section?.id ?? Infinity) || ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.id - b.id);
  for (const u of sorted) {
    const key = u.section?.id ?? null;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { name: u.section?.name ?? NO_SECTION, users: [] }));
    group.users.push({ id: u.id, name: u.name, role: u.role });
  }
  return [...groups.values()];
}
