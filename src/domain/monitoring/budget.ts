// Budget figures in 万元 held as integer cents (0.01 万元) so sums are exact (the table prints
// 2794.05 = 2690.54 + 103.51); the database keeps Decimal(14,2). Pure.

/** "386.2" / "2,794.05" / 386.2 → 38620; null when not a non-negative amount with ≤ 2 decimals. */
export function toCents(input: string | number): number | null {
  const s = String(input).replace(/[,，\s]/g, "");
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

export function fromCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const a = Math.abs(cents);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}

export interface ProjectFigures {
  name: string;
  /** 基本支出 | 项目支出 */
  category: string;
  initial: number | null;
  adjusted: number | null;
  /** 1–month 累计支出 by month (cents). */
  spent: ReadonlyMap<number, number>;
}

/** 调整后预算 when given, else 年初预算 (the 全年预算数 of the 自评表). */
export function budgetOf(p: ProjectFigures): number | null {
  return p.adjusted ?? p.initial;
}

/** 累计支出 through month m: the figure of the latest month ≤ m that has one. */
export function spentThrough(p: ProjectFigures, month: number): { month: number; cents: number } | null {
  let best: { month: number; cents: number } | null = null;
  for (const [m, cents] of p.spent) if (m <= month && (!best || m > best.month)) best = { month: m, cents };
  return best;
}

export interface HeaderTotals {
  total: number;
  basicExpense: number;
  projectExpense: number;
}

export interface HeaderMismatch {
  what: string;
  header: number;
  sum: number;
}

/**
 * The table header's totals against the sum of the projects' 年初预算: 合计, 基本支出 and 项目支出.
 * Returns every difference (empty when they agree); projects without a 年初预算 count as 0.
 */
export function checkHeaderTotals(header: HeaderTotals, projects: readonly ProjectFigures[]): HeaderMismatch[] {
  const sum = (f: (p: ProjectFigures) => boolean) => projects.filter(f).reduce((s, p) => s + (p.initial ?? 0), 0);
  const rows: HeaderMismatch[] = [
    { what: "部门预算合计", header: header.total, sum: sum(() => true) },
    { what: "基本支出", header: header.basicExpense, sum: sum((p) => p.category === "基本支出") },
    { what: "项目支出", header: header.projectExpense, sum: sum((p) => p.category !== "基本支出") },
  ];
  return rows.filter((r) => r.header !== r.sum);
}

export function describeMismatch(m: HeaderMismatch): string {
  const diff = m.sum - m.header;
  return `${m.what}：表头 ${fromCents(m.header)} 万元，各项目合计 ${fromCents(m.sum)} 万元，相差 ${diff > 0 ? "+" : ""}${fromCents(diff)} 万元`;
}
