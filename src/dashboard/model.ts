// What the dashboard shows, as JSON (GET /dashboard/api and the HTML pages both read this):
// bureau → duty → goal → indicator with lights, values by month, pace and what is still needed;
// budget by project; the monitoring round's 偏差原因. Every light, ratio and figure comes from the
// monitoring view (src/monitoring, rules in domain/monitoring) — nothing is judged here. Scoped:
// a section link sees only its section's indicators (and the duties/goals that hold them), never
// the budget, the other sections or the bureau. Sections and duties keep the table's order.
import type { Database } from "../db/client.js";
import { rollup as rollupLights, type Light, type LightCounts } from "../domain/monitoring/lights.js";
import { fromCents } from "../domain/monitoring/budget.js";
import { toShanghai } from "../domain/shanghai-time.js";
import { actualText } from "../monitoring/export-monitoring.js";
import { monitoringView, roundKey, type MonitoringView } from "../monitoring/monitoring-view.js";
import type { MonitoringSettings } from "../monitoring/settings.js";
import { LIGHT_WORD } from "../charts/light-style.js";
import { monthlySeries } from "../charts/monthly-values.js";
import type { LinkScope } from "./signed-link.js";

export interface LightJson {
  light: Light;
  /** 正常/预警/滞后/超前/无数据 — shown beside every colour. */
  word: string;
}

export interface IndicatorJson extends LightJson {
  id: number;
  code: string;
  name: string;
  section: string;
  target: string;
  /** "375本", "已完成", "" (none yet). */
  actual: string;
  /** A ÷ (T × t) (or A ÷ T for levels), 1 = on pace; null when there is none. */
  ratio: number | null;
  /** Still needed by year end (counts), ≥ 0. */
  remaining: number | null;
  /** Still needed per remaining month, rounded up. */
  perMonth: number | null;
  unit: string | null;
  note: string | null;
  /** Year-to-date value at each month's end (null: none yet) and the pace line T × t(m). */
  monthly: { values: (number | null)[]; pace: (number | null)[] };
}

export interface GroupJson extends LightJson {
  name: string;
  counts: LightCounts;
}

export interface DashboardJson {
  year: number;
  throughMonth: number;
  /** Time progress t (fraction). */
  t: number;
  scope: { all: boolean; section: string | null };
  bureau: (GroupJson & { indicators: number }) | null;
  /** In the goal table's order; never sorted by light. */
  sections: (GroupJson & { id: number })[];
  duties: (GroupJson & { index: number; goals: (GroupJson & { indicators: IndicatorJson[] })[] })[];
  budget: {
    projects: { name: string; category: string; budget: string; spent: string | null; rate: number | null; pointsVsTime: number | null; light: Light; word: string; month: number | null }[];
    total: { budget: string; spent: string; rate: number; pointsVsTime: number; light: Light; word: string };
    mismatches: string[];
  } | null;
  round: { label: string; key: string; reasons: { indicator: string; section: string; cause: string | null; text: string | null; likelihood: string | null; expectedValue: number | null }[] } | null;
}

const lightJson = (light: Light): LightJson => ({ light, word: LIGHT_WORD[light] });

/** The month the dashboard's data runs through at `now`: the last ended month (null in January). */
export function dashboardMonth(now: Date): number | null {
  const m = toShanghai(now).month - 1;
  return m >= 1 ? m : null;
}

export async function dashboardModel(db: Database, settings: MonitoringSettings, now: Date, scope: LinkScope): Promise<{ json: DashboardJson; view: MonitoringView } | null> {
  const through = dashboardMonth(now);
  if (through === null) return null;
  const view = await monitoringView(db, settings, now, through);
  if (!view) return null;
  const all = scope === "all";
  const rows = all ? view.rows : view.rows.filter((r) => r.indicator.sectionId === scope);

  const dutyNames: string[] = [];
  for (const r of rows) if (!dutyNames.includes(r.indicator.dutyName)) dutyNames.push(r.indicator.dutyName);
  const duties = dutyNames.map((name) => {
    const dutyRows = rows.filter((r) => r.indicator.dutyName === name);
    const goalNames: string[] = [];
    for (const r of dutyRows) if (!goalNames.includes(r.indicator.goalName)) goalNames.push(r.indicator.goalName);
    // Rollups of the visible rows only: a section link must not learn other sections' lights.
    const roll = all ? view.duties.find((d) => d.name === name)! : rollupOf(view, dutyRows.map((r) => r.indicator.id));
    return {
      name, index: view.duties.findIndex((d) => d.name === name), ...lightJson(roll.light), counts: roll.counts,
      goals: goalNames.map((goal) => {
        const gRows = dutyRows.filter((r) => r.indicator.goalName === goal);
        const g = all ? view.goals.find((x) => x.name === `${name}／${goal}`)! : rollupOf(view, gRows.map((r) => r.indicator.id));
        return {
          name: goal, ...lightJson(g.light), counts: g.counts,
          indicators: gRows.map((r): IndicatorJson => {
            const s = monthlySeries(r, through, settings.timeProgress);
            return {
              id: r.indicator.id, code: r.indicator.code, name: r.indicator.name, section: r.indicator.sectionName,
              target: r.indicator.targetText, actual: actualText(r), ...lightJson(r.light.light), ratio: r.light.ratio,
              remaining: r.light.remaining, perMonth: r.perMonth, unit: r.progress.unit ?? null, note: r.light.note,
              monthly: { values: s.values, pace: s.pace },
            };
          }),
        };
      }),
    };
  });

  const sections = view.sections.filter((s) => all || s.sectionId === scope).map((s) => ({ id: s.sectionId, name: s.name, ...lightJson(s.light), counts: s.counts }));
  const round = [...settings.rounds].filter((r) => r.throughMonth <= through).sort((a, b) => b.throughMonth - a.throughMonth)[0];
  let roundJson: DashboardJson["round"] = null;
  if (round) {
    const key = roundKey(view.year, round.throughMonth);
    const reasons = await db.prisma.deviationReason.findMany({
      where: { roundKey: key, skipped: false, indicatorId: { in: rows.map((r) => r.indicator.id) } }, orderBy: { indicatorId: "asc" },
    });
    roundJson = {
      label: round.label, key,
      reasons: reasons.map((x) => {
        const r = rows.find((row) => row.indicator.id === x.indicatorId)!;
        return { indicator: r.indicator.name, section: r.indicator.sectionName, cause: x.cause, text: x.text, likelihood: x.likelihood, expectedValue: x.expectedValue };
      }).sort((a, b) => rows.findIndex((r) => r.indicator.name === a.indicator) - rows.findIndex((r) => r.indicator.name === b.indicator)),
    };
  }

  const json: DashboardJson = {
    year: view.year, throughMonth: through, t: view.t,
    scope: { all, section: all ? null : (sections[0]?.name ?? null) },
    bureau: all ? { name: "全局", ...lightJson(view.bureau.light), counts: view.bureau.counts, indicators: view.rows.length } : null,
    sections, duties,
    budget: all ? {
      projects: view.budget.map((b) => ({
        name: b.project.name, category: b.project.category, budget: fromCents(b.project.adjusted ?? b.project.initial ?? 0),
        spent: b.spent ? fromCents(b.spent.cents) : null, rate: b.spent ? b.pace.rate : null, pointsVsTime: b.spent ? b.pace.pointsVsTime : null,
        ...lightJson(b.pace.light), month: b.spent?.month ?? null,
      })),
      total: { budget: fromCents(view.budgetTotal.budget), spent: fromCents(view.budgetTotal.spent), rate: view.budgetTotal.rate, pointsVsTime: view.budgetTotal.pointsVsTime, ...lightJson(view.budgetTotal.light) },
      mismatches: view.headerMismatches.map((m) => `${m.what}：表头 ${fromCents(m.header)}，各项目合计 ${fromCents(m.sum)}`),
    } : null,
    round: roundJson,
  };
  return { json, view };
}

function rollupOf(view: MonitoringView, ids: number[]) {
  // The same rollup rule as the view's (domain/monitoring/lights.ts rollup), over the visible rows.
  return rollupLights(view.rows.filter((r) => ids.includes(r.indicator.id)).map((r) => r.light.light));
}
