// parseMessage: one chat message → ParsedMessage. The only code that reads raw text.
// Order: normalise and shape (spaced words, shorthand, @, greeting/self-introduction preamble) →
// dialog move? → period → numbers → indicator (message minus period, numbers and intent words, best
// clause) → value and unit → intent. A report without a period is for the current month.
import type { Candidate, IndicatorDoc, ParseContext, ParsedMessage } from "./types.js";
import { findNumbers, type NumberMention } from "./numbers.js";
import { currentMonthSlot, findPeriod } from "./periods.js";
import { IndicatorMatcher, MATCH_THRESHOLD } from "./indicator-matcher.js";
import { classifyIntent, dialogMove, ownSectionMentioned, reminderDay, statusOf } from "./intents.js";
import { indicatorQuery } from "./query-text.js";
import { normalizeText } from "./text-features.js";
import { findSection } from "./sections.js";
import { shapeMessage } from "./message-shape.js";
import { matchBestClause } from "./clause-match.js";
import { TASK_QUANTITY, TASK_REQUEST } from "./intent-cues.js";
import { naturalUnit, unitsCompatible } from "./units.js";

/** Unit words people write apart from the number ("培训人次：四百二十"). */
const UNIT_WORDS = ["人次", "场次", "版面"];

// One matcher per indicator list: building features costs ~ms, matching ~µs.
const matchers = new WeakMap<IndicatorDoc[], IndicatorMatcher>();
function matcherFor(docs: IndicatorDoc[]): IndicatorMatcher {
  let m = matchers.get(docs);
  if (!m) matchers.set(docs, (m = new IndicatorMatcher(docs)));
  return m;
}

export function parseMessage(raw: string, ctx: ParseContext): ParsedMessage {
  const { text, preamble } = shapeMessage(normalizeText(raw));
  const base: ParsedMessage = {
    text: raw, intent: "unknown", indicator: null, candidates: [], value: null, unit: null,
    period: null, ownSection: false, choice: null, status: null,
  };
  if (!text) return base;
  const move = dialogMove(text);
  if (move) return { ...base, intent: move.intent, choice: move.choice };

  const period = findPeriod(text, ctx.now);
  const inPeriod = (n: NumberMention) => period?.spans.some(([a, b]) => n.start < b && n.end > a) ?? false;
  // 写一份 / 起草两篇: the count of a document asked for, not a figure
  const ordered = (n: NumberMention) => TASK_REQUEST.test(text) && TASK_QUANTITY.test(text.slice(Math.max(0, n.start - 3), n.start));
  const numbers = findNumbers(text).filter((n) => !inPeriod(n) && !ordered(n));
  const mentionedUnit = numbers.find((n) => n.unit)?.unit ?? UNIT_WORDS.find((u) => text.includes(u)) ?? null;

  // A section's name ("普法科") says whose indicators, not which one: it is not matched as an indicator.
  const section = findSection(text, ctx.sections);
  // 我是立法科的小王，…: the section of a self-introduction is the asker's, context for the request.
  const whose = section ?? findSection(preamble, ctx.sections);
  const matcher = matcherFor(ctx.indicators);
  const removed: Array<[number, number]> = [...(period?.spans ?? []), ...numbers.map((n) => [n.start, n.end] as [number, number])];
  if (section) removed.push([section.start, section.end]);
  const query = indicatorQuery(text, removed);
  const candidates = matchBestClause(matcher, query, { unit: mentionedUnit, sectionId: ctx.sectionId, limit: 3 });
  const best = candidates[0] && candidates[0].score >= MATCH_THRESHOLD ? candidates[0] : null;
  const doc = best ? ctx.indicators.find((d) => d.id === best.id) ?? null : null;

  const mention = pickValue(text, numbers, doc);
  const status = statusOf(text);
  const ownSection = ownSectionMentioned(text);
  const intent = classifyIntent(text, { indicator: !!best, value: !!mention, status, ownSection, section: !!section, period: !!period });

  let unit = mention?.unit ?? null;
  if (mention && !unit) unit = UNIT_WORDS.find((u) => text.includes(u)) ?? (doc ? naturalUnit(doc) : null);
  const isReport = intent === "report_progress" || intent === "correct";
  // A list question names whose indicators, not one: what 考核/任务 matched was no indicator (nor 信息 in 帮助信息).
  const named = intent === "list_indicators" || intent === "help" ? null : best;
  const keepsValue = isReport || intent === "query_target" || intent === "query_progress" || intent === "unknown";
  return {
    ...base,
    intent,
    indicator: named ? { id: named.id, name: named.name } : null,
    candidates: named || (intent !== "list_indicators" && intent !== "help") ? (candidates as Candidate[]) : [],
    value: mention && keepsValue ? mention.value : null,
    unit: mention && keepsValue ? unit : null,
    period: period?.slot ?? (intent === "report_progress" ? currentMonthSlot(ctx.now) : null),
    ownSection,
    section: whose ? { id: whose.id, name: whose.name } : null,
    choice: intent === "remind_me" ? reminderDay(text) : null,
    status: isReport || intent === "query_progress" ? status : null,
  };
}

/** Words before a figure that make it the target, not the report ("任务100篇完成了80篇" reports 80). */
const TARGET_BEFORE = /(?:任务|目标|要求|计划|指标|标准|大于|不少于|不低于|至少|超过|[>≥])(?:是|为|数|值|量)?\s*$/;

/**
 * The reported quantity: one with a unit the indicator uses, else one with any unit, else the last;
 * a figure written as the target is passed over when another one is there.
 */
function pickValue(text: string, all: NumberMention[], doc: IndicatorDoc | null): NumberMention | null {
  const reported = all.filter((n) => !TARGET_BEFORE.test(text.slice(Math.max(0, n.start - 6), n.start)));
  const numbers = reported.length ? reported : all;
  if (!numbers.length) return null;
  const fits = doc ? numbers.find((n) => n.unit && doc.units.some((u) => unitsCompatible(u, n.unit!))) : undefined;
  return fits ?? numbers.find((n) => n.unit) ?? numbers[numbers.length - 1]!;
}
