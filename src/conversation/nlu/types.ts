// What the rule-based (and optional LLM) understanding layer produces from one message.
// The parser is the only code that looks at raw text; dialog and handlers work on this.

export type Intent =
  | "query_target"
  | "query_progress"
  | "report_progress"
  | "list_indicators"
  | "overdue"
  | "help"
  | "unknown"
  // dialog moves
  | "confirm"
  | "cancel"
  | "correct"
  | "undo"
  | "choose"
  // "调解成功率10月的记录": every version of an indicator's reports, who and when
  | "history"
  // reminder preferences (reminders issue)
  | "remind_me"
  | "mute_reminders"
  // issue 14 / 13 item 6: "看板" → a signed dashboard link; "要监控表文件" → an official table
  | "dashboard"
  | "official_file";

export interface PeriodSlot {
  start: string; // YYYY-MM-DD
  end: string; // YYYY-MM-DD
  /** As the bot says it back: "2021年11月", "2021年第三季度", "2021年1-10月". */
  label: string;
  kind: "month" | "quarter" | "half" | "year" | "range";
}

/** An indicator as the matcher sees it (built from the database or the catalogue). */
export interface IndicatorDoc {
  id: number;
  code: string;
  name: string;
  group: string | null;
  /** 职责目标 the indicator serves ("行政执法培训"): weak evidence, optional. */
  goal?: string | null;
  explanation: string | null;
  targetText: string;
  aliases: string[];
  /** Units its target uses (from the typed target): tie-breaks 场 vs 人次. */
  units: string[];
  sectionId: number;
  /** A 定性 indicator (reported as 已完成 / 推进中): "…还没完成" about it is a status, not a question. */
  qualitative?: boolean;
}

export interface Candidate {
  id: number;
  name: string;
  score: number;
  /** The words the user wrote appear in its official name ("培训" in 开办培训, not only in an alias). */
  inName?: boolean;
}

/**
 * A further item of a report message that carries several ("普法动态十月份15篇，十一月份10篇" → 十一月份10篇):
 * the message's indicator, value, unit and period describe the first item only.
 */
export interface ExtraItem {
  /** The item as the user wrote it, for the reply ("十一月份10篇"). */
  text: string;
  value: number;
  unit: string | null;
  /** The period it names itself, or else the one the message names (null: none named). */
  period: PeriodSlot | null;
  /** The indicator it names itself, or — when it names none ("十一月份10篇") — the message's. */
  indicator: { id: number; name: string } | null;
  /** The item as a message of its own, with what it shares from the message ("新媒体平台建设十一月份10篇"). */
  standalone: string;
}

export interface ParsedMessage {
  text: string;
  intent: Intent;
  indicator: { id: number; name: string } | null;
  /** Best matches, best first (top 3 offered when the best is below the threshold). */
  candidates: Candidate[];
  value: number | null;
  unit: string | null;
  /** "第2项改成15期": the numbered line of a several-item card a correction is about. */
  item?: number | null;
  /** A report's figure written as an estimate ("十几篇") or a range ("10-15篇"): no value to store. */
  numberProblem?: { kind: "vague" | "range"; text: string } | null;
  /** The period the message names; null when it names none (a report's default: domain/default-period.ts). */
  period: PeriodSlot | null;
  /** 我们 / 我们科 / 本科室 — the asker's own section. */
  ownSection: boolean;
  /** A section named in the message ("普法科负责哪些指标" → 普法与依法治理科), when the context knows sections. */
  section?: { id: number; name: string } | null;
  /** "选2" / "2" in a disambiguation; day of month for remind_me. */
  choice: number | null;
  /** 定性 reports: done / in_progress. */
  status: "done" | "in_progress" | null;
  /** Report messages only: items after the first one, which value/unit/period/indicator describe. */
  more?: ExtraItem[];
}

export interface ParseContext {
  now: Date;
  indicators: IndicatorDoc[];
  /** The asker's section, when known: its indicators win near-ties (people mostly ask about their own). */
  sectionId?: number | null;
  /** The org chart's sections with their aliases, so a message may name one ("调解科的指标有哪些"). */
  sections?: SectionDoc[];
}

/** A section as the parser sees it: official name and the short names people use. */
export interface SectionDoc {
  id: number;
  name: string;
  aliases: string[];
}
