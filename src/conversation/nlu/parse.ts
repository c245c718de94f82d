// parseMessage: one chat message → ParsedMessage. The only code that reads raw text.
// Order: normalise and shape (spaced words, shorthand, @, greeting/self-introduction preamble) →
// dialog move? → period → numbers → indicator (message minus period, numbers and intent words, best
// clause) → value and unit → intent. A report without a period names none (period null): which
// period it is for depends on what is still owed, decided by domain/default-period.ts downstream.
// Only a report (or a correction) carries a value and unit: a figure in a question quotes the target.
// A report with several items ("普法动态十月份15篇，十一月份10篇") is read on its first item; the
// others are returned in `more` (see reportItems), so the dialog can name them back.
import type { Candidate, ExtraItem, IndicatorDoc, ParseContext, ParsedMessage } from "./types.js";
import { findNumbers, type NumberMention } from "./numbers.js";
import { parseNumeral } from "../../domain/numerals.js";
import { currentMonthSlot, findPeriod, type PeriodMatch } from "./periods.js";
import { matcherFor, MATCH_THRESHOLD } from "./indicator-matcher.js";
import { asksQuestion, classifyIntent, dialogMove, ownSectionMentioned, reminderDay, statusOf } from "./intents.js";
import { indicatorQuery } from "./query-text.js";
import { normaliseMessageText } from "./text-features.js";
import { findSectionMention } from "./sections.js";
import { shapeMessage } from "./message-shape.js";
import { matchBestClause } from "./clause-match.js";
import { TASK_QUANTITY, TASK_REQUEST } from "./intent-cues.js";
import { indicatorUnit, naturalUnit } from "./unit-reading.js";
import { sameUnitFamily } from "../../domain/units.js";

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
      choice: intent === "remind_me" ? reminderDay(text) : null,
      status: isReport || intent === "query_progress" ? status : null,
    },
  };
}

/** "第2项" / "第二条": the numbered line a correction names, or null. */
function lineNumber(text: string): number | null {
  const m = /第\s*([\d一二三四五六七八九十]+)\s*[项条行个]/.exec(text);
  return m ? parseNumeral(m[1]!) : null;
}

/** Words before a figure that make it the target, not the report ("任务100篇完成了80篇" reports 80). */
const TARGET_BEFORE = /(?:任务|目标|要求|计划|指标|标准|大于|不少于|不低于|至少|超过|[>≥])(?:是|为|数|值|量)?\s*$/;
/** Words after a figure that make it the target ("24期的任务，本月3期"). */
const TARGET_AFTER = /^\s*的?(?:目标|任务|指标|要求)/;

function isTargetFigure(text: string, n: NumberMention): boolean {
  return TARGET_BEFORE.test(text.slice(Math.max(0, n.start - 6), n.start)) || TARGET_AFTER.test(text.slice(n.end, n.end + 4));
}

/**
 * The reported quantity: one with a unit the indicator uses, else one with any unit, else the last;
 * a figure written as the target is passed over when another one is there.
 */
function pickValue(text: string, all: NumberMention[], doc: IndicatorDoc | null): NumberMention | null {
  const reported = all.filter((n) => !isTargetFigure(text, n));
  const numbers = reported.length ? reported : all;
  if (!numbers.length) return null;
  const fits = doc ? numbers.find((n) => n.unit && doc.units.some((u) => sameUnitFamily(u, indicatorUnit(n.unit, doc.units)!))) : undefined;
  return fits ?? numbers.find((n) => n.unit) ?? numbers[numbers.length - 1]!;
}

// ---- Several items in one report ----

const CLAUSE_BREAK = /[，,；;。！!、\n]/g;
/** Words that start another item without punctuation ("十月15篇另外十一月10篇"). */
const CONNECTOR = /另外|此外|还有|以及|同时|并且|外加/;
/**
 * Before a figure in its clause: it restates, breaks down or compares, it is no item of its own
 * (共25篇, 共培训120人次, 其中原创3篇, 比上月多3篇, 同比提高1个百分点).
 */
const NOT_AN_ITEM = /(?:(?:累计|共计|合计|总计|一共|总共|(?<!公)共)\p{Script=Han}{0,3}|(?:同比|环比|比[^，,。]{0,5}?)(?:多|少|增加|减少|提高|降低|增长|下降|上升)了?)(?:了|达到?|为|是|有)?\s*$|^\s*(?:其中|包括|包含|含)/u;

interface ItemSpan {
  start: number;
  end: number;
  numbers: NumberMention[];
}

/**
 * The items of a report message, when it carries more than one: quantities in different clauses
 * (or apart by another period or 另外) are different items; quantities side by side ("3场120人次")
 * belong to one. Targets, totals, breakdowns and comparisons are no items. The first item is the
 * report; `focus` is the message without the other items, `extras` the others' spans.
 */
function reportItems(text: string, numbers: NumberMention[], now: Date): { focus: string; extras: ItemSpan[] } | null {
  const clauseStart = (at: number) => {
    let s = 0;
    for (const m of text.slice(0, at).matchAll(CLAUSE_BREAK)) s = m.index + 1;
    return s;
  };
  const items = numbers.filter((n) => !isTargetFigure(text, n) && !NOT_AN_ITEM.test(text.slice(clauseStart(n.start), n.start)));
  const groups: ItemSpan[] = [];
  for (const n of items) {
    const prev = groups.at(-1);
    const start = prev ? itemStart(text, prev.numbers.at(-1)!, n, now) : 0;
    if (prev && start === null) prev.numbers.push(n);
    else groups.push({ start: start ?? 0, end: text.length, numbers: [n] });
  }
  if (groups.length < 2) return null;
  groups.forEach((g, i) => {
    const next = groups[i + 1]?.start ?? text.length;
    CLAUSE_BREAK.lastIndex = g.numbers.at(-1)!.end;
    const brk = CLAUSE_BREAK.exec(text);
    g.end = Math.min(brk ? brk.index : text.length, next);
  });
  CLAUSE_BREAK.lastIndex = 0;
  // Another item is a quantity with a unit: a bare number in another clause is rather a reference (电话, 编号).
  const extras = groups.slice(1).filter((g) => g.numbers.some((n) => n.unit));
  if (!extras.length) return null;
  let focus = "";
  let last = 0;
  for (const g of extras) {
    focus += text.slice(last, g.start);
    last = g.end;
  }
  focus += text.slice(last);
  return { focus: focus.replace(/[，,；;、\s]+$/, ""), extras };
}

/**
 * Where the item of the figure `next` starts, when something between it and the figure `prev`
 * separates them — a clause break, 另外, another period, or words between two figures with units
 * ("普法动态12篇日报专栏3期"; a space between Chinese words is gone by now) — else null ("3场120人次").
 */
function itemStart(text: string, prev: NumberMention, next: NumberMention, now: Date): number | null {
  const from = prev.end;
  const to = next.start;
  const between = text.slice(from, to);
  const breaks = [...between.matchAll(CLAUSE_BREAK)];
  let start: number | null = null;
  if (breaks.length) start = from + breaks.at(-1)!.index + 1;
  else {
    const c = CONNECTOR.exec(between);
    const p = findPeriod(between, now);
    const at = Math.min(c ? c.index : Infinity, p ? Math.min(...p.spans.map(([a]) => a)) : Infinity);
    if (at !== Infinity) start = from + at;
    else if (prev.unit && next.unit && (between.match(/\p{Script=Han}/gu)?.length ?? 0) >= 2) start = from;
  }
  if (start === null) return null;
  const lead = new RegExp(`^[\\s，,；;、]*(?:${CONNECTOR.source})?[\\s，,；;、]*`).exec(text.slice(start))![0].length;
  return Math.min(start + lead, to);
}

/**
 * A further item as the user wrote it, with the indicator and period it names — or, naming none,
 * shares with the first item ("普法动态十月份15篇，十一月份10篇": 十一月份10篇 is 普法动态 too) —
 * and how it reads as a message of its own.
 */
function extraItem(text: string, span: ItemSpan, first: Analysis, ctx: ParseContext): ExtraItem {
  const segment = text.slice(span.start, span.end).trim();
  const own = findPeriod(segment, ctx.now);
  const offset = text.indexOf(segment, span.start);
  const removed: Array<[number, number]> = [...(own?.spans ?? []), ...span.numbers.map((n) => [n.start - offset, n.end - offset] as [number, number])];
  const query = indicatorQuery(segment, removed);
  const namesIndicator = (query.match(/\p{Script=Han}/gu)?.length ?? 0) >= 2;
  const unit = span.numbers.find((n) => n.unit)?.unit ?? null;
  const match = namesIndicator ? matchBestClause(matcherFor(ctx.indicators), query, { unit, sectionId: ctx.sectionId, limit: 1 })[0] : undefined;
  const doc = !namesIndicator ? first.doc : match && match.score >= MATCH_THRESHOLD ? (ctx.indicators.find((d) => d.id === match.id) ?? null) : null;
  const mention = pickValue(text, span.numbers, doc)!;
  const period = own?.slot ?? first.namedPeriod?.slot ?? null;
  // Said alone, the item needs the message's period (unless it is the current month, the default) and indicator.
  const current = currentMonthSlot(ctx.now);
  const sharedPeriod = !own && period && !(period.kind === "month" && period.start === current.start) ? period.label : "";
  const standalone = `${sharedPeriod}${!namesIndicator && doc ? doc.name : ""}${segment}`;
  return {
    text: segment,
    value: mention.value,
    unit: (doc ? indicatorUnit(mention.unit, doc.units) : mention.unit) ?? (doc ? naturalUnit(doc) : null),
    period,
    indicator: doc ? { id: doc.id, name: doc.name } : null,
    standalone,
  };
}
