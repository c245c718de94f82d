// Which indicators still lack data when a reminder of a cycle goes out — src/domain/missing.ts
// decides (the same rule as the chat's "还有谁没报", the section lists and the pace lights); this
// file only loads the goal table of the cycle's year and its standing reports.
// The day the rule is asked about is `now`, but never earlier than the day after the cycle's month
// ends: a "3 working days before" reminder that falls before the month is over (the October
// holiday moves the September deadline to 10-08) speaks about the cycle's own periods.
import type { Database } from "../db/client.js";
import { missingOn } from "../domain/missing.js";
import type { ReportingPeriod } from "../domain/reporting-period.js";
import { defaultUnit } from "../domain/target-part.js";
import type { TypedTarget } from "../domain/target-types.js";
import type { Cycle } from "../domain/reporting-calendar.js";
import { addDays, dateColumn, daysInMonth, fromDateColumn, isoDate, shanghaiDate, type IsoDate } from "../domain/shanghai-time.js";

export interface DueIndicator {
  id: number;
  code: string;
  name: string;
  sectionId: number;
  ownerUserId: number | null;
  /** The period it owes (src/domain/missing.ts). */
  period: ReportingPeriod;
  /** The name people write in a report (its first alias, else the name): the reminder's example. */
  alias: string;
  /** The unit a figure takes (null for 定性): the reminder's example. */
  unit: string | null;
}

export interface CycleStatus {
  /** The day the rule was asked about. */
  day: IsoDate;
  missing: DueIndicator[];
}

/** The day a reminder of `cycle` sent at `now` speaks about (see the header). */
export function reminderDay(cycle: Cycle, now?: Date): IsoDate {
  const firstAfter = addDays(isoDate(cycle.year, cycle.month, daysInMonth(cycle.year, cycle.month)), 1);
  const today = now ? shanghaiDate(now) : firstAfter;
  return today > firstAfter ? today : firstAfter;
}

export async function cycleStatus(db: Database, cycle: Cycle, now?: Date): Promise<CycleStatus> {
  const day = reminderDay(cycle, now);
  const indicators = await db.prisma.indicator.findMany({
    where: { goalTable: { year: cycle.year } },
    select: { id: true, code: true, name: true, sectionId: true, ownerUserId: true, cadence: true, aggregation: true, aliases: true, typedTarget: true },
    orderBy: [{ sectionId: "asc" }, { position: "asc" }, { id: "asc" }],
  });
  if (indicators.length === 0) return { day, missing: [] };
  // Every version of the year's periods, withdrawals included, through the (indicatorId,
  // periodStart) index; what stands is worked out here. A version is only ever superseded by a later
  // version of the same period, so the superseding rows are in this set too. (A "not superseded"
  // filter in SQL became a hash anti-join over the whole table at 100k stored reports: 29 ms instead
  // of 5 — scripts/bench-history.ts.)
  const versions = await db.prisma.progressReport.findMany({
    where: {
      indicatorId: { in: indicators.map((i) => i.id) },
      periodStart: { gte: dateColumn(`${cycle.year}-01-01`) },
      periodEnd: { lte: dateColumn(`${cycle.year}-12-31`) },
    },
    select: { id: true, indicatorId: true, periodStart: true, periodEnd: true, status: true, withdrawn: true, supersedesId: true },
  });
  const superseded = new Set(versions.map((v) => v.supersedesId).filter((id) => id !== null));
  const rows = versions.filter((v) => !v.withdrawn && !superseded.has(v.id));
  const reports = rows.map((r) => ({ indicatorId: r.indicatorId, periodStart: fromDateColumn(r.periodStart), periodEnd: fromDateColumn(r.periodEnd), status: r.status }));
  const missing = missingOn(indicators, reports, cycle.year, day).map(({ indicator: i, period }) => ({
    id: i.id,
    code: i.code,
    name: i.name,
    sectionId: i.sectionId,
    ownerUserId: i.ownerUserId,
    period,
    alias: i.aliases[0] ?? i.name,
    unit: i.aggregation === "status" ? null : defaultUnit(i.typedTarget as unknown as TypedTarget),
  }));
  return { day, missing };
}
