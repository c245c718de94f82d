// Impossible reports are refused here with a reason the user can act on. Pure.
// Decisions (documented for the team):
// - % must lie in 0..100; no value may be negative; counted things (篇/期/场/人次 …) are whole numbers.
// - A 定性 indicator (aggregation "status") takes a status (已完成 / 推进中), never a bare number;
//   a quantitative one takes a number, never only a status.
// - The unit must fit the indicator's target (篇 for a % indicator is refused); a bare number takes
//   the target's unit.
// - A period may not start after today, and must lie in the goal table's year.
// - Summed indicators (counts) are reported per period of their cadence (a month for monthly ones,
//   up to a quarter for quarterly ones): a longer period ("1-10月共120篇") would be double counted
//   next to the monthly figures, so it is refused with a hint — the bot adds the months up itself.
//   Rates (latest value) and 定性 statuses may name any period ("今年调解成功率99.1%").
import type { TypedTarget } from "./target-types.js";
import { defaultUnit, partForUnit, quantitativeParts } from "./target-part.js";
import { cadenceOf } from "./missing.js";
import { isCountedUnit } from "./units.js";
import { lengthInDays, maxReportDays, type Aggregation, type Cadence } from "./reporting-period.js";

export type ReportStatus = "done" | "in_progress";

export interface IndicatorRules {
  name: string;
  typedTarget: TypedTarget;
  aggregation: Aggregation;
  cadence: Cadence | null;
  /** The goal table's year. */
  year: number;
}

export interface ReportInput {
  value: number | null;
  unit: string | null;
  status: ReportStatus | null;
  period: { start: string; end: string; label: string };
}

export type ValidatedReport =
  | { ok: true; value: number | null; unit: string | null; status: ReportStatus | null }
  | { ok: false; reason: string };

const refuse = (reason: string): ValidatedReport => ({ ok: false, reason });

export function validateReport(ind: IndicatorRules, input: ReportInput, today: string): ValidatedReport {
  const periodProblem = checkPeriod(ind, input.period, today);
  if (periodProblem) return refuse(periodProblem);
  if (ind.aggregation === "status") {
    if (input.status) return { ok: true, value: null, unit: null, status: input.status };
    return refuse(`「${ind.name}」是定性指标，请报送完成状态，例如“${ind.name}已完成”或“${ind.name}推进中”，不需要填写数字。`);
  }
  if (input.value === null) {
    const unit = defaultUnit(ind.typedTarget);
    return refuse(`「${ind.name}」需要报送具体数值${unit ? `（单位：${unit}）` : ""}，例如“本月${ind.name}${example(unit)}”。`);
  }
  const unit = input.unit ?? defaultUnit(ind.typedTarget);
  if (quantitativeParts(ind.typedTarget).length > 0 && !partForUnit(ind.typedTarget, unit)) {
    const expected = [...new Set(quantitativeParts(ind.typedTarget).map((p) => p.unit).filter(Boolean))].join("、");
    return refuse(`单位“${unit}”与「${ind.name}」的指标值（${expected}）不符，请核对后重新报送。`);
  }
  const v = input.value;
  if (!Number.isFinite(v)) return refuse("数值无法识别，请重新报送。");
  if (v < 0) return refuse(`报送的数值不能为负数（收到 ${v}${unit ?? ""}），请核对后重新报送。`);
  if (unit === "%" && v > 100) return refuse(`比率不能超过100%（收到 ${v}%），请核对后重新报送。`);
  if (unit && isCountedUnit(unit) && !Number.isInteger(v)) {
    return refuse(`以“${unit}”计的数量应为整数（收到 ${v}${unit}），请核对后重新报送。`);
  }
  if (ind.aggregation === "sum") {
    const cadence = cadenceOf(ind);
    if (lengthInDays(input.period) > maxReportDays(cadence)) {
      const per = cadence === "monthly" ? "按月" : "按季度";
      return refuse(`「${ind.name}」请${per}报送当期数量（如“十月份${ind.name}${example(unit)}”），全年累计由系统自动汇总。`);
    }
  }
  return { ok: true, value: v, unit, status: null };
}

function checkPeriod(ind: IndicatorRules, period: ReportInput["period"], today: string): string | null {
  if (period.start > today) {
    const [, m, d] = period.start.split("-").map(Number);
    return `${period.label}尚未开始，不能提前报送，请于${m}月${d}日起再报。`;
  }
  if (!period.start.startsWith(String(ind.year)) || !period.end.startsWith(String(ind.year))) {
    return `当前目标表为${ind.year}年度，只能报送${ind.year}年内的进展（收到：${period.label}）。`;
  }
  return null;
}

function example(unit: string | null): string {
  if (unit === "%") return "98.5%";
  return `12${unit ?? ""}`;
}
