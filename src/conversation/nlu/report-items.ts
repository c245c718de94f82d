// A report with several items ("普法动态十月份15篇，十一月份10篇"): where each item is, and what a
// further item names itself or shares with the first (its indicator, its period). parseMessage
// (parse.ts) reads the first item as the report and returns the others in `more`, so the dialog can
// name them back — nothing is dropped silently.
import type { ExtraItem, IndicatorDoc, ParseContext } from "./types.js";
import type { NumberMention } from "./numbers.js";
import { currentMonthSlot, findPeriod, type PeriodMatch } from "./periods.js";
import { matcherFor, MATCH_THRESHOLD } from "./indicator-matcher.js";
import { indicatorQuery } from "./query-text.js";
import { matchBestClause } from "./clause-match.js";
import { indicatorUnit, naturalUnit } from "./unit-reading.js";
import { isTargetFigure, pickValue } from "./reported-figure.js";

/** What a further item may share with the first: its indicator and the period the message names. */
export interface FirstItem {
  doc: IndicatorDoc | null;
  namedPeriod: PeriodMatch | null;
}

const CLAUSE_BREAK = /[，,；;。！!、\n]/g;
/** Words that start another item without punctuation ("十月15篇另外十一月10篇"). */
const CONNECTOR = /另外|此外|还有|以及|同时|并且|外加/;
/**
 * Before a figure in its clause: it restates, breaks down or compares, it is no item of its own
 * (共25篇, 共培训120人次, 其中原创3篇, 比上月多3篇, 同比提高1个百分点).
 */
const NOT_AN_ITEM = /(?:(?:累计|共计|合计|总计|一共|总共|(?<!公)共)\p{Script=Han}{0,3}|(?:同比|环比|比[^，,。]{0,5}?)(?:多|少|增加|减少|提高|降低|增长|下降|上升)了?)(?:了|达到?|为|是|有)?\s*$|^\s*(?:其中|包括|包含|含)/u;

export interface ItemSpan {
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
export function reportItems(text: string, numbers: NumberMention[], now: Date): { focus: string; extras: ItemSpan[] } | null {
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
export function extraItem(text: string, span: ItemSpan, first: FirstItem, ctx: ParseContext): ExtraItem {
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
