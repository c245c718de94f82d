// What `demo fill` writes: plausible monthly figures for each indicator and each 预算项目, derived
// deterministically from the indicator code (same data on every machine), with a spread of paces so
// a newcomer sees every light. Pure.
import type { IndicatorInfo } from "../conversation/indicator-catalog.js";
import { monthPeriod, quarterPeriod, type CalendarPeriod } from "../domain/reporting-period.js";
import { cadenceOf } from "../domain/missing.js";
import { partForUnit } from "../domain/target-part.js";

/** A stable number in [0, 1) from a string (FNV-1a). */
export function unitHash(s: string): number {
  let h = 0x811c9dc5;
  for (const ch of s) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  // murmur3's finaliser: codes differing in one digit ("2021-07-02"/"-03") land far apart
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

export interface DemoReport {
  period: CalendarPeriod;
  value: number | null;
  unit: string | null;
  status: string | null;
}

/** Pace factor 0.45–1.35 of the time-scaled target: most on pace, some behind, a few ahead. */
function paceFactor(code: string): number {
  const u = unitHash(code);
  return u < 0.12 ? 0.45 : u < 0.25 ? 0.7 : u < 0.9 ? 0.95 : 1.35;
}

export function demoReports(ind: IndicatorInfo, throughMonth: number, milestones?: readonly number[]): DemoReport[] {
  const parts = ind.typedTarget.parts;
  if (parts.every((p) => p.kind === "qualitative" && p.placeholder)) return [];
  if (/满意度/.test(ind.name)) return []; // measured once at year end: stays grey (no data) before that
  const cadence = cadenceOf(ind);
  if (ind.aggregation === "status") {
    const quarters = Math.floor(throughMonth / 3);
    const u = unitHash(ind.code);
    return Array.from({ length: quarters }, (_, i) => {
      const q = i + 1;
      const status = u < 0.08 ? "not_started" : u < 0.3 || q < 3 ? "in_progress" : "done";
      return { period: quarterPeriod(ind.year, q), value: null, unit: null, status };
    });
  }
  const part = partForUnit(ind.typedTarget, null);
  if (!part) return [];
  const months = cadence === "quarterly" ? [3, 6, 9, 12].filter((m) => m <= throughMonth) : Array.from({ length: throughMonth }, (_, i) => i + 1);
  const periodOf = (m: number) => (cadence === "quarterly" ? quarterPeriod(ind.year, m / 3) : monthPeriod(ind.year, m));
  if (milestones) {
    return milestones.filter((m) => m <= throughMonth).map((m) => ({ period: monthPeriod(ind.year, m), value: 1, unit: part.unit, status: null }));
  }
  if (part.direction === "negative") {
    return months.map((m) => ({ period: periodOf(m), value: part.value, unit: part.unit, status: null }));
  }
  if (ind.aggregation === "latest") {
    const off = unitHash(ind.code) < 0.2 ? 0.98 : 1;
    return months.map((m) => ({ period: periodOf(m), value: Math.round(part.value * off * 10) / 10, unit: part.unit, status: null }));
  }
  // Counts: spread T·factor over the year in whole numbers; the cumulative figure stays on its pace.
  const f = paceFactor(ind.code);
  let sent = 0;
  return months.map((m) => {
    const due = Math.round((part.value * f * m) / 12);
    const value = Math.max(0, due - sent);
    sent += value;
    return { period: periodOf(m), value, unit: part.unit, status: null };
  });
}

/**
 * Demo 年初预算 of the projects in cents: 基本支出 takes the header's 基本支出; the 项目支出 total is
 * shared out by stable weights, the rounding cents going to the first project, so the sums equal
 * the header exactly.
 */
export function demoBudgets(projects: { name: string; category: string }[], basic: number, project: number): Map<string, number> {
  const out = new Map<string, number>();
  const basics = projects.filter((p) => p.category === "基本支出");
  const others = projects.filter((p) => p.category !== "基本支出");
  const share = (list: typeof projects, total: number) => {
    const w = list.map((p) => 1 + unitHash(p.name) * 3);
    const sum = w.reduce((s, x) => s + x, 0);
    const cents = w.map((x) => Math.floor((total * x) / sum));
    cents[0]! += total - cents.reduce((s, x) => s + x, 0);
    list.forEach((p, i) => out.set(p.name, cents[i]!));
  };
  if (basics.length) share(basics, basic);
  if (others.length) share(others, project);
  return out;
}

/** Demo 1–m 累计支出 in cents: on a steady pace factor 0.5–1.1 of time, never above the budget. */
export function demoSpent(name: string, budget: number, month: number): number {
  const f = 0.5 + unitHash(`spent:${name}`) * 0.6;
  return Math.min(budget, Math.round((budget * f * month) / 12));
}
