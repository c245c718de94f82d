// parseMessage: one chat message → ParsedMessage. The only code that reads raw text.
// Order: normalise and shape (spaced words, shorthand, @, greeting/self-introduction preamble) →
// dialog move? → period → numbers → indicator (message minus period, numbers and intent words, best
// clause) → value and unit → intent. A report without a period names none (period null): which
// period it is for depends on what is still owed, decided by domain/default-period.ts downstream.
// Only a report (or a correction) carries a value and unit: a figure in a question quotes the target.
// A report with several items ("普法动态十月份15篇，十一月份10篇") is read on its first item; the
// others are returned in `more` (report-items.ts), so the dialog can name them back.
import type { Candidate, IndicatorDoc, ParseContext, ParsedMessage } from "./types.js";
import { findNumbers, type NumberMention } from "./numbers.js";
import { parseNumeral } from "../../domain/numerals.js";
import { findPeriod, type PeriodMatch } from "./periods.js";
import { matcherFor, MATCH_THRESHOLD } from "./indicator-matcher.js";
import { asksQuestion, classifyIntent, dialogMove, ownSectionMentioned, askedReminderDay, statusOf } from "./intents.js";
import { indicatorQuery } from "./query-text.js";
import { normaliseMessageText } from "./text-features.js";
import { findSectionMention } from "./sections.js";
import { shapeMessage } from "./message-shape.js";
import { matchBestClause } from "./clause-match.js";
import { TASK_QUANTITY, TASK_REQUEST } from "./intent-cues.js";
import { pickValue } from "./reported-figure.js";
import { extraItem, reportItems } from "./report-items.js";
import { indicatorUnit, naturalUnit } from "./unit-reading.js";

/** Below this a candidate is no evidence that the message is about an indicator at all. */
const CANDIDATE_FLOOR = 0.3;

/** Unit words people write apart from the number ("培训人次：四百二十"). */
const UNIT_WORDS = ["人次", "场次", "版面"];

export function parseMessage(raw: string, ctx: ParseContext): ParsedMessage {
  const { text, preamble } = shapeMessage(normaliseMessageText(raw));
  const base: ParsedMessage = {
    text: raw, intent: "unknown", indicator: null, candidates: [], value: null, unit: null,
    period: null, ownSection: false, choice: null, status: null,
  };
  if (!text) return base;
  const move = dialogMove(text);
  if (move) return { ...base, intent: move.intent, choice: move.choice };

  const whole = analyse(text, preamble, ctx);
  if (whole.parsed.intent !== "report_progress") return { ...base, ...whole.parsed };
  // Several items in one report ("十月份15篇，十一月份10篇"): the first is the report, the others are
  // named back to the user (nothing is dropped silently), each with what it names itself.
  const split = reportItems(text, whole.numbers, ctx.now);
  if (!split) return { ...base, ...whole.parsed };
  const first = analyse(split.focus, preamble, ctx);
  const usable = first.parsed.intent === "report_progress" && first.parsed.value !== null;
  // An indicator named once serves every item ("十月15篇，十一月10篇，都是普法动态").
  const primary: Analysis = !usable
    ? whole
    : first.doc || !whole.doc
      ? first
      : { ...first, doc: whole.doc, parsed: { ...first.parsed, indicator: whole.parsed.indicator, candidates: whole.parsed.candidates } };
  const more = split.extras.map((e) => extraItem(text, e, primary, ctx));
  return { ...base, ...primary.parsed, more };
}

interface Analysis {
  parsed: Omit<ParsedMessage, "text">;
  /** The quantities of the message (dates, ordered document counts left out). */
  numbers: NumberMention[];
  /** The indicator matched above the threshold. */
  doc: IndicatorDoc | null;
  /** The period the message names (not the current month a report defaults to). */
  namedPeriod: PeriodMatch | null;
}

function analyse(text: string, preamble: string, ctx: ParseContext): Analysis {
  const period = findPeriod(text, ctx.now);
  const inPeriod = (n: NumberMention) => period?.spans.some(([a, b]) => n.start < b && n.end > a) ?? false;
  // 写一份 / 起草两篇: the count of a document asked for, not a figure
  const ordered = (n: NumberMention) => TASK_REQUEST.test(text) && TASK_QUANTITY.test(text.slice(Math.max(0, n.start - 3), n.start));
  const numbers = findNumbers(text).filter((n) => !inPeriod(n) && !ordered(n));
  const mentionedUnit = numbers.find((n) => n.unit)?.unit ?? UNIT_WORDS.find((u) => text.includes(u)) ?? null;

  // A section's name ("普法科") says whose indicators, not which one: it is not matched as an indicator.
  const section = findSectionMention(text, ctx.sections);
  // 我是立法科的小王，…: the section of a self-introduction is the asker's, context for the request.
  const whose = section ?? findSectionMention(preamble, ctx.sections);
  const removed: Array<[number, number]> = [...(period?.spans ?? []), ...numbers.map((n) => [n.start, n.end] as [number, number])];
  if (section) removed.push([section.start, section.end]);
  const query = indicatorQuery(text, removed);
  const candidates = matchBestClause(matcherFor(ctx.indicators), query, { unit: mentionedUnit, sectionId: ctx.sectionId, limit: 3 });
  const best = candidates[0] && candidates[0].score >= MATCH_THRESHOLD ? candidates[0] : null;
  const doc = best ? ctx.indicators.find((d) => d.id === best.id) ?? null : null;

  const mention = pickValue(text, numbers, doc);
  // An estimate's 几 ("发了十几篇") states a figure, it asks nothing: hidden from the intent cues.
  const cues = numbers.reduce((t, n) => (n.problem?.kind === "vague" ? t.slice(0, n.start) + "□".repeat(n.end - n.start) + t.slice(n.end) : t), text);
  const question = asksQuestion(cues);
  // "…还没完成" is a status only as a statement about a 定性 indicator (还没完成吗 asks).
  const status = statusOf(cues, { qualitative: !!doc?.qualitative && !question });
  const ownSection = ownSectionMentioned(text);
  // Something is named (Chinese words left over the intent words) yet no indicator comes near it.
  const namesOther = /\p{Script=Han}{2}/u.test(query) && !(candidates[0] && candidates[0].score >= CANDIDATE_FLOOR);
  const intent = classifyIntent(cues, {
    indicator: !!best, value: !!mention, unit: !!mention?.unit, status, ownSection, section: !!section, period: !!period, namesOther,
  });

  let unit = doc ? indicatorUnit(mention?.unit ?? null, doc.units) : (mention?.unit ?? null);
  if (mention && !unit) unit = UNIT_WORDS.find((u) => text.includes(u)) ?? (doc ? naturalUnit(doc) : null);
  const isReport = intent === "report_progress" || intent === "correct";
  // A list question names whose indicators, not one: what 考核/任务 matched was no indicator (nor 信息 in 帮助信息).
  // Nor is a weak match in a message the bot cannot answer (打卡系统又坏了 ≠ 系统党建).
  const indicatorMatch = intent === "list_indicators" || intent === "help" || intent === "unknown" ? null : best;
  // Only a report carries a figure: in a question it quotes the target ("不少于100篇，现在发了多少了").
  const keepsValue = isReport;
  return {
    numbers,
    doc,
    namedPeriod: period,
    parsed: {
      intent,
      indicator: indicatorMatch ? { id: indicatorMatch.id, name: indicatorMatch.name } : null,
      candidates: indicatorMatch || (intent !== "list_indicators" && intent !== "help") ? (candidates as Candidate[]) : [],
      value: mention && keepsValue && !mention.problem ? mention.value : null,
      ...(mention?.problem && keepsValue ? { numberProblem: mention.problem } : {}),
      ...(intent === "correct" ? { item: lineNumber(text) } : {}),
      unit: mention && keepsValue ? unit : null,
      period: period?.slot ?? null,
      ownSection,
      section: whose ? { id: whose.id, name: whose.name } : null,
      choice: intent === "remind_me" ? askedReminderDay(text) : null,
      status: isReport || intent === "query_progress" ? status : null,
    },
  };
}

/** "第2项" / "第二条": the numbered line a correction names, or null. */
function lineNumber(text: string): number | null {
  const m = /第\s*([\d一二三四五六七八九十]+)\s*[项条行个]/.exec(text);
  return m ? parseNumeral(m[1]!) : null;
}
