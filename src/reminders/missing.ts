// Which indicators still lack data for a reporting cycle. An indicator is due in a cycle when the
// cycle holds a period of its cadence (quarterly ones only in March, June, September, December);
// it is reported when a current report (not superseded, not withdrawn) overlaps that period — the
// same rule as the chat's "还有谁没报" (src/domain/overdue.ts), so the two never disagree. Lenient
// on purpose: a 1-11月 cumulative figure or a 定性 status filed during the quarter counts, because
// a reminder about data that is in fact there is exactly the nagging to avoid.
import type { Database } from "../db/client.js";
import { resolveCadence, type CadenceDefaults, type Cycle, type ReportingPeriod } from "../domain/reporting-calendar.js";
import { dateColumn, fromDateColumn } from "../domain/shanghai-time.js";

export interface DueIndicator {
  id: number;
  code: string;
  name: string;
  sectionId: number;
  ownerUserId: number | null;
  period: ReportingPeriod;
}

export interface CycleStatus {
  due: DueIndicator[];
  missing: DueIndicator[];
}

export async function cycleStatus(db: Database, cycle: Cycle, cadence: CadenceDefaults): Promise<CycleStatus> {
  const indicators = await db.prisma.indicator.findMany({
    where: { goalTable: { year: cycle.year } },
    select: { id: true, code: true, name: true, sectionId: true, ownerUserId: true, cadence: true, typedTarget: true, position: true },
    orderBy: [{ sectionId: "asc" }, { position: "asc" }, { id: "asc" }],
  });
  const due: DueIndicator[] = [];
  for (const i of indicators) {
    const period = cycle.periods[resolveCadence(i, cadence)];
    if (period) due.push({ id: i.id, code: i.code, name: i.name, sectionId: i.sectionId, ownerUserId: i.ownerUserId, period });
  }
  if (due.length === 0) return { due, missing: [] };
  const earliest = due.reduce((min, d) => (d.period.start < min ? d.period.start : min), due[0]!.period.start);
  const reports = await db.prisma.progressReport.findMany({
    where: {
      indicatorId: { in: due.map((d) => d.id) },
      withdrawn: false,
      supersededBy: { is: null },
      periodEnd: { gte: dateColumn(earliest) },
      periodStart: { lte: dateColumn(due[0]!.period.end) },
    },
    select: { indicatorId: true, periodStart: true, periodEnd: true },
  });
  const reported = new Set<number>();
  const byId = new Map(due.map((d) => [d.id, d]));
  for (const r of reports) {
    const d = byId.get(r.indicatorId);
    if (d && fromDateColumn(r.periodStart) <= d.period.end && fromDateColumn(r.periodEnd) >= d.period.start) reported.add(d.id);
  }
  return { due, missing: due.filter((d) => !reported.has(d.id)) };
}
