// Reading a budget figure from a chat message (issue 13 item 1): "10月办案业务及装备经费累计支出386.2万元",
// "仲裁经费调整后预算120万元", "法援经费年初预算85万元". Pure: the caller passes the message, the
// 预算项目 names of the active table and today. Periods and numbers are read by the conversation's
// own grammar (nlu/periods.ts, nlu/numbers.ts → domain/numerals.ts), so "十月份" / "1-10月" /
// "一千二百万元" / "1,200.5万" mean here what they mean in a progress report.
import { findNumbers } from "../conversation/nlu/numbers.js";
import { findPeriod } from "../conversation/nlu/periods.js";
import type { BudgetKind } from "./store.js";

/** Words that make a message about money rather than an indicator. */
const KIND_CUES: Array<[RegExp, BudgetKind]> = [
  [/年初预算/, "initial"],
  [/调整后预算|预算调整(?:为|后|到)|调整后的预算/, "adjusted"],
  [/累计支出|累计执行|已支出|支出了?|执行了?(?=\s*[\d一二三四五六七八九十两〇零])/, "spent"],
];

export type BudgetReading =
  | {
      ok: true;
      kind: BudgetKind;
      /** spent: data through this month (1–12); null for budgets. */
      month: number | null;
      /** 万元 in cents (0.01 万元). */
      cents: number;
      /** The project named, or null when none of the table's projects is named (→ list them). */
      project: string | null;
      /** Several projects fit equally: the user must name one. */
      ambiguous: string[];
    }
  | { ok: false; reason: string };

/** Full-width brackets as half-width, spaces out: names compare as written in the table. */
function fold(s: string): string {
  return s.replace(/（/g, "(").replace(/）/g, ")").replace(/\s+/g, "");
}

/** Whether a message reports a budget figure at all (a cue word and an amount in 万元/元). */
export function isBudgetMessage(text: string): boolean {
  const s = fold(text);
  if (!KIND_CUES.some(([re]) => re.test(s))) return false;
  return /[\d一二三四五六七八九十两百千〇零][\d.,，]*\s*万?元|\d[\d.,，]*\s*万/.test(s) && !/[%％]|百分之/.test(s);
}

/**
 * The project a message names: the longest table name it contains; else names whose core (without
 * a trailing 经费/费/支出) it contains, when exactly one fits. `ambiguous` when several fit alike.
 */
export function matchProject(text: string, projects: readonly string[]): { project: string | null; ambiguous: string[] } {
  const s = fold(text);
  const full = projects.filter((p) => s.includes(fold(p))).sort((a, b) => b.length - a.length);
  if (full.length > 0) return { project: full[0]!, ambiguous: [] };
  const core = (p: string) => fold(p).replace(/(经费|费|支出)$/, "");
  const partial = projects.filter((p) => core(p).length >= 2 && s.includes(core(p)));
  if (partial.length === 1) return { project: partial[0]!, ambiguous: [] };
  return { project: null, ambiguous: partial };
}

/**
 * Reads one budget figure. Amounts: "386.2万元" / "386.2万" / "3862000元" → 万元 (cents); a bare
 * number is taken as 万元 (the table's unit, said back on the card). Month: the one the message
 * names (the end month of "1-10月"), else the last month that has ended (`today` in Asia/Shanghai);
 * budgets (年初/调整后) carry no month. Refusals are the Chinese reason.
 */
export function readBudgetMessage(text: string, projects: readonly string[], now: Date, today: { year: number; month: number }): BudgetReading {
  const s = fold(text);
  const kind = KIND_CUES.find(([re]) => re.test(s))?.[1];
  if (!kind) return { ok: false, reason: "请写明是年初预算、调整后预算还是累计支出。" };
  const found = findPeriod(text, now);
  // "累计" alone reads as 1–this month in a progress report; in 累计支出 it names no month.
  const period = found && found.spans.every(([a, b]) => /^累计$/.test(text.slice(a, b))) ? null : found;
  const inPeriod = (n: { start: number; end: number }) => period?.spans.some(([a, b]) => n.start < b && n.end > a) ?? false;
  const amounts = findNumbers(text).filter((n) => !inPeriod(n));
  if (amounts.length === 0) return { ok: false, reason: "没有读到金额，请写成如“累计支出386.2万元”。" };
  if (amounts.length > 1) return { ok: false, reason: "一条消息请只报一个金额，如“10月办案业务及装备经费累计支出386.2万元”。" };
  const n = amounts[0]!;
  const written = text.slice(n.start, n.end);
  // findNumbers reads 万 into the value (386.2万元 → 3862000 元); a bare figure is already 万元.
  const inYuan = n.unit === "元" || /万/.test(written);
  const cents = inYuan ? n.value / 100 : n.value * 100;
  if (!Number.isFinite(cents) || cents < 0 || Math.abs(cents - Math.round(cents)) > 1e-6) {
    return { ok: false, reason: `金额“${written}”请以万元为单位、最多两位小数（如 386.25万元）。` };
  }
  let month: number | null = null;
  if (kind === "spent") {
    const end = period ? Number(period.slot.end.slice(5, 7)) : today.month - 1;
    const year = period ? Number(period.slot.end.slice(0, 4)) : today.year;
    if (end < 1) return { ok: false, reason: "请写明截至几月的累计支出，如“12月累计支出…”。" };
    if (year === today.year && end > today.month) return { ok: false, reason: `${end}月还没有到，不能报送截至${end}月的累计支出。` };
    month = end;
  }
  const { project, ambiguous } = matchProject(text, projects);
  return { ok: true, kind, month, cents: Math.round(cents), project, ambiguous };
}

export const KIND_LABEL: Record<BudgetKind, string> = { initial: "年初预算", adjusted: "调整后预算", spent: "累计支出" };
