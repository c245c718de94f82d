// Progress of indicators from their standing reports (one query for many indicators).
import { computeProgress, type Progress } from "../domain/progress.js";
import type { Turn } from "./turn.js";
import type { IndicatorInfo } from "./indicator-catalog.js";
import { standingReports, type StoredReport } from "./report-store.js";

export interface IndicatorProgress {
  indicator: IndicatorInfo;
  progress: Progress;
  reports: StoredReport[];
}

export async function progressOf(
  turn: Pick<Turn, "db" | "today">,
  indicators: IndicatorInfo[],
  range?: { start: string; end: string },
): Promise<IndicatorProgress[]> {
  if (indicators.length === 0) return [];
  const year = indicators[0]!.year;
  const all = await standingReports(turn.db, indicators.map((i) => i.id), year);
  return indicators.map((indicator) => {
    const reports = all.filter((r) => r.indicatorId === indicator.id);
    const progress = computeProgress({
      target: indicator.typedTarget,
      aggregation: indicator.aggregation,
      year: indicator.year,
      today: turn.today,
      ...(range ? { range } : {}),
      reports,
    });
    return { indicator, progress, reports };
  });
}
