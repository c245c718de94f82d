// The period of a report that names none, for one indicator on a day: the domain rule
// (domain/default-period.ts) fed with the indicator's standing reports of that year.
import type { Database } from "../db/client.js";
import type { IndicatorInfo } from "./indicator-catalog.js";
import { defaultReportPeriod, type DefaultPeriod } from "../domain/default-period.js";
import { parseIsoDate, type IsoDate } from "../domain/shanghai-time.js";
import { standingReports } from "./report-store.js";

export async function reportPeriodFor(
  db: Database,
  ind: Pick<IndicatorInfo, "id" | "cadence" | "aggregation">,
  today: IsoDate,
): Promise<DefaultPeriod> {
  const reported = await standingReports(db, [ind.id], parseIsoDate(today).year);
  return defaultReportPeriod({ cadence: ind.cadence, aggregation: ind.aggregation, reported }, today);
}
