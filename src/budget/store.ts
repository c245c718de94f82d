// Budget storage: 预算项目 per table, append-only BudgetEntry rows (initial / adjusted / spent by
// month). The current figure of (project, kind, month) is the newest row.
import type { Database } from "../db/client.js";
import type { ProjectFigures } from "../domain/monitoring/budget.js";
import { fromCents, toCents } from "../domain/monitoring/budget.js";

type Prisma = Database["prisma"];
type Tx = Parameters<Parameters<Prisma["$transaction"]>[0]>[0];
type Client = Prisma | Tx;

export type BudgetKind = "initial" | "adjusted" | "spent";

export interface NewEntry {
  project: string;
  kind: BudgetKind;
  month: number | null;
  cents: number;
  source: "chat" | "import" | "demo";
  enteredById?: number | null;
  rawText?: string | null;
}

/**
 * Makes sure every 预算项目 named in the table's indicators (plus `extra`) exists, in order of first
 * appearance; `categoryOf` says 基本支出 or 项目支出. Returns name → id.
 */
export async function ensureProjects(db: Client, goalTableId: number, categoryOf: (name: string) => string, extra: string[] = []): Promise<Map<string, number>> {
  const indicators = await db.indicator.findMany({ where: { goalTableId }, orderBy: { position: "asc" }, select: { budgetProject: true } });
  const names = [...new Set([...indicators.map((i) => i.budgetProject).filter((n): n is string => !!n), ...extra])];
  const existing = await db.budgetProject.findMany({ where: { goalTableId } });
  const ids = new Map(existing.map((p) => [p.name, p.id]));
  let position = existing.length;
  for (const name of names) {
    if (ids.has(name)) continue;
    const row = await db.budgetProject.create({ data: { goalTableId, name, category: categoryOf(name), position: position++ } });
    ids.set(name, row.id);
  }
  return ids;
}

export async function appendEntries(db: Client, projectIds: Map<string, number>, entries: NewEntry[], at: Date, demo = false): Promise<number> {
  const data = entries.map((e) => {
    const projectId = projectIds.get(e.project);
    if (projectId === undefined) throw new Error(`unknown budget project ${e.project}`);
    return {
      projectId, kind: e.kind, month: e.month, amount: fromCents(e.cents), source: e.source, demo,
      enteredById: e.enteredById ?? null, rawText: e.rawText ?? null, createdAt: at,
    };
  });
  return (await db.budgetEntry.createMany({ data })).count;
}

/** Every project of the table with its current figures, in table order. */
export async function currentFigures(db: Client, goalTableId: number): Promise<ProjectFigures[]> {
  const projects = await db.budgetProject.findMany({
    where: { goalTableId },
    orderBy: { position: "asc" },
    include: { entries: { orderBy: { id: "asc" } } },
  });
  return projects.map((p) => {
    let initial: number | null = null;
    let adjusted: number | null = null;
    const spent = new Map<number, number>();
    for (const e of p.entries) {
      const cents = toCents(e.amount.toFixed(2)) ?? 0;
      if (e.kind === "initial") initial = cents;
      else if (e.kind === "adjusted") adjusted = cents;
      else if (e.kind === "spent" && e.month !== null) spent.set(e.month, cents);
    }
    return { name: p.name, category: p.category, initial, adjusted, spent };
  });
}
