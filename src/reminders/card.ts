// The reminder and escalation cards (platform-neutral Card: Feishu renders a card, DingTalk
// markdown). Wording follows the no-nagging rule: what is missing and how to report it, no
// counts of other people, no rankings; the escalation lists sections in their fixed order.
import type { Card, CardButton } from "../conversation/types.js";
import type { Cycle } from "../domain/reporting-calendar.js";
import { parseIsoDate, weekdayOf } from "../domain/shanghai-time.js";
import type { DueIndicator } from "./missing.js";

/** More than this many lines of indicators would be a wall of text in a chat bubble. */
const MAX_LISTED = 15;
const WEEKDAYS = ["日", "一", "二", "三", "四", "五", "六"];

export function dayLabel(date: string): string {
  const { month, day } = parseIsoDate(date);
  return `${month}月${day}日（周${WEEKDAYS[weekdayOf(date)]}）`;
}

/**
 * The one line on how to report, with the recipient's own indicators ("直接回复，例如：调解成功率X%，
 * 百姓调解X期"). No month is needed: a report naming none is for the period being collected
 * (domain/default-period.ts), and several figures go in one message (one card, one 确认). X, not a
 * made-up figure: an example number could be sent back as if it were data.
 */
export function howToReport(missing: Pick<DueIndicator, "alias" | "unit">[]): string {
  const examples = missing.slice(0, 2).map((d) => (d.unit === null ? `${d.alias}已完成` : `${d.alias}X${d.unit}`));
  if (examples.length === 0) return "直接回复，例如：调解成功率99.2%，百姓调解12期";
  const figures = missing.slice(0, 2).some((d) => d.unit !== null);
  return `直接回复，例如：${examples.join("，")}${figures ? "（X 换成实际数字）" : ""}`;
}

/** The 填报 button of a Feishu reminder: opens the reporting form (conversation/dialog/report-form.ts). */
export const FORM_BUTTON = (cycle: Cycle): CardButton => ({ label: "填报", value: { action: "report_form", token: cycle.key }, style: "primary" });

/** `section`: posted to that section's group chat — the list is the section's, still no names. */
export function reminderCard(opts: { cycle: Cycle; stage: string; personal: boolean; missing: DueIndicator[]; section?: string; form?: boolean }): Card {
  const { cycle, missing } = opts;
  const dueToday = opts.stage === "deadline";
  const listed = missing.slice(0, MAX_LISTED).map((d) => `• ${d.name}（${d.period.label}）`);
  if (missing.length > MAX_LISTED) listed.push(`……共 ${missing.length} 项`);
  return {
    title: `${opts.personal ? "您设置的报送提醒" : "绩效数据报送提醒"}：${cycle.year}年${cycle.month}月`,
    tone: dueToday ? "warning" : "info",
    lines: [
      dueToday ? `**今天（${dayLabel(cycle.deadline)}）截止报送**` : `报送截止：**${dayLabel(cycle.deadline)}**`,
      `${opts.section ?? ""}以下 ${missing.length} 项指标还没有数据：`,
      ...listed,
    ],
    footer: howToReport(missing),
    // Feishu only: a form needs card JSON 2.0; DingTalk and the web chat reply as the footer says.
    ...(opts.form ? { buttons: [FORM_BUTTON(cycle)] } : {}),
  };
}

export function escalationCard(opts: { cycle: Cycle; sections: Array<{ name: string; missing: number }> }): Card {
  const total = opts.sections.reduce((n, s) => n + s.missing, 0);
  return {
    title: `报送截止已过：${opts.cycle.year}年${opts.cycle.month}月`,
    tone: "warning",
    lines: [
      `${dayLabel(opts.cycle.deadline)}的报送截止时间已过，以下科室仍有指标未报送（按科室顺序）：`,
      ...opts.sections.map((s) => `• ${s.name}：${s.missing} 项`),
      `合计 ${total} 项。`,
    ],
    footer: `科室可直接回复补报，如：${opts.cycle.month}月调解成功率99.2%`,
  };
}
