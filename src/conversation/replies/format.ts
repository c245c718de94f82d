// Small formatting helpers shared by the reply builders: values, statuses, percentages, dates.
import type { Pace } from "../../domain/progress.js";
import { parseIsoDate } from "../../domain/shanghai-time.js";
import { quarterPeriod } from "../../domain/reporting-period.js";

export function formatValue(value: number | null, unit: string | null): string {
  if (value === null) return "—";
  const n = Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  return unit ? `${n}${unit}` : n;
}

const STATUS_WORDS: Record<string, string> = { done: "已完成", in_progress: "推进中", not_started: "未开始" };

export function formatStatus(status: string | null): string {
  return status ? (STATUS_WORDS[status] ?? status) : "—";
}

/** A stored or drafted report in a few words: "99.2%", "已完成", "已撤回". */
export function formatReported(r: { value: number | null; unit: string | null; status: string | null; withdrawn?: boolean }): string {
  if (r.withdrawn) return "已撤回";
  return r.status ? formatStatus(r.status) : formatValue(r.value, r.unit);
}

export function percent(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10}%`;
}

/** "11月15日" */
export function monthDay(iso: string): string {
  const { month, day } = parseIsoDate(iso);
  return `${month}月${day}日`;
}

/** "2021-10-01".."2021-10-31" → "2021年10月"; a quarter / other ranges spelled out. */
export function periodLabel(start: string, end: string): string {
  const a = parseIsoDate(start);
  const b = parseIsoDate(end);
  if (a.year === b.year && a.month === b.month) return `${a.year}年${a.month}月`;
  if (a.year === b.year && a.day === 1 && (b.month - a.month === 2) && a.month % 3 === 1) {
    return quarterPeriod(a.year, (a.month + 2) / 3).label;
  }
  return a.year === b.year ? `${a.year}年${a.month}-${b.month}月` : `${start}至${end}`;
}

export const PACE_WORDS: Record<Pace, string> = {
  met: "已达标",
  ahead: "超前",
  on_track: "正常",
  behind: "落后",
  in_progress: "推进中",
  no_data: "暂无报送",
};

/** The light's meaning in words, shown beside it (a light alone says nothing to a screen reader or a newcomer). */
export function paceLabel(pace: Pace, overdue: boolean): string {
  return overdue ? "待报送" : PACE_WORDS[pace];
}

/** Traffic light for a list row: ✅ on course, ⏳ under way / nothing yet, ⚠️ behind or overdue. */
export function paceIcon(pace: Pace, overdue: boolean): string {
  if (overdue || pace === "behind") return "⚠️";
  if (pace === "met" || pace === "ahead" || pace === "on_track") return "✅";
  return "⏳";
}

/** Why an estimate or a range is not stored, and what to send instead. */
export function numberProblemText(p: { kind: "vague" | "range"; text: string }): string {
  return p.kind === "vague"
    ? `“${p.text}”不是确切的数字，未记录。请报具体数值。`
    : `“${p.text}”是一个范围，未记录。请报一个确切的数值。`;
}
