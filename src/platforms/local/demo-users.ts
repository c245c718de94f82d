// The people the local web chat lets you speak as: every active user from the org chart, grouped
// by section (sections in the org chart's order), heads first. Users without a section (bureau-wide
// admins) come last under their own heading.
import type { Database } from "../../db/client.js";
import type { Clock } from "../../clock.js";
import { activeGoalTableId } from "../../catalog/active-table.js";
import type { TypedTarget } from "../../domain/target-types.js";

export type Role = "head" | "staff" | "admin";

export interface DemoUser {
  id: number;
  name: string;
  role: Role;
}

export interface DemoSection {
  name: string;
  users: DemoUser[];
  /**
   * The section's first indicator with a number target in the active goal table, for the page's
   * example chips ("调解成功率的目标是多少", "本月调解成功率98%"): a person sees examples they can send.
   * null: the section has none (admins, or only 定性 indicators).
   */
  example: { indicator: string; value: string } | null;
}

const ROLE_ORDER: Record<Role, number> = { head: 0, staff: 1, admin: 2 };
const NO_SECTION = "局机关（未分科室）";

/** A plausible monthly figure for the example: a rate as its target, a yearly count a twelfth of it. */
function exampleValue(target: TypedTarget): string | null {
  const part = target.parts.find((p) => p.kind === "quantitative" && p.unit !== null && p.value > 0);
  if (!part || part.kind !== "quantitative") return null;
  if (part.unit === "%") return `${part.value}%`;
  const monthly = part.per === "month" || part.per === "week" ? part.value : Math.max(1, Math.round(part.value / 12));
  return `${monthly}${part.unit}`;
}

async function sectionExamples(db: Database, now: Date): Promise<Map<number, DemoSection["example"]>> {
  const examples = new Map<number, DemoSection["example"]>();
  const tableId = await activeGoalTableId(db.prisma, now);
  if (tableId === null) return examples;
  const indicators = await db.prisma.indicator.findMany({
    where: { goalTableId: tableId },
    select: { name: true, sectionId: true, typedTarget: true },
    orderBy: [{ sectionId: "asc" }, { position: "asc" }, { id: "asc" }],
  });
  for (const i of indicators) {
    if (examples.has(i.sectionId)) continue;
    const value = exampleValue(i.typedTarget as unknown as TypedTarget);
    if (value) examples.set(i.sectionId, { indicator: i.name, value });
  }
  return examples;
}

export async function listDemoUsers(db: Database, clock?: Clock): Promise<DemoSection[]> {
  const examples = await sectionExamples(db, clock?.now() ?? new Date());
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
    if (!group) groups.set(key, (group = { name: u.section?.name ?? NO_SECTION, users: [], example: key === null ? null : (examples.get(key) ?? null) }));
    group.users.push({ id: u.id, name: u.name, role: u.role });
  }
  return [...groups.values()];
}
