// The one runner of labelled message sets: tests/nlu/labelled/*.jsonl, one message a line, each
// checked field by field against parseMessage on the 2021 catalogue at the evaluation clock
// (2021-11-15 10:00 +08:00). The lines have the fields of ../shared/nlu/dev.jsonl (text, intent,
// indicator, value, unit, period {start, end}) and may add section, choice, status, now, more,
// knownWeak and the free-text about / note. Only the fields a line states are checked; `null` means
// "must be absent"; an indicator or section is matched by a distinctive part of its name.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseMessage } from "../../src/conversation/nlu/parse.js";
import type { Intent, ParsedMessage } from "../../src/conversation/nlu/types.js";
import { catalogDocs, catalogSections } from "./catalog-docs.js";

export const NLU_NOW = new Date("2021-11-15T10:00:00+08:00");
export const nluContext = { now: NLU_NOW, indicators: catalogDocs(), sections: catalogSections() };

interface Span {
  start: string;
  end: string;
}

/** A further item of a report message (ParsedMessage.more). */
export interface LabelledItem {
  text: string;
  value: number;
  unit?: string | null;
  period?: Span | null;
  indicator?: string | null;
  standalone?: string;
}

/** One line of a labelled set. */
export interface LabelledMessage {
  text: string;
  intent: Intent;
  /** A distinctive part of the expected indicator's name; null = no indicator. */
  indicator?: string | null;
  value?: number | null;
  unit?: string | null;
  /** null = no period. */
  period?: Span | null;
  /** A distinctive part of the section the message names. */
  section?: string | null;
  choice?: number;
  status?: "done" | "in_progress" | null;
  /** Another clock than NLU_NOW. */
  now?: string;
  /** Further items of a report; [] = none. */
  more?: LabelledItem[];
  /** Still parsed wrong, kept visible: the test expects it to fail. */
  knownWeak?: boolean;
  /** What the line probes (for the reader; not checked). */
  about?: string;
  note?: string;
}

const LABELLED_DIR = path.join(import.meta.dirname, "..", "nlu", "labelled");

/** The lines of tests/nlu/labelled/<name>.jsonl. */
export function loadLabelledSet(name: string): LabelledMessage[] {
  return readFileSync(path.join(LABELLED_DIR, `${name}.jsonl`), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelledMessage);
}

const norm = (s: string) => s.replace(/[\s，,。“”"'、（）()《》]/g, "");
const span = (p: Span | null | undefined) => (p ? `${p.start}..${p.end}` : null);
/** Whether the name `got` carries the distinctive part `want` (punctuation and spaces ignored). */
export const hasNamePart = (got: { name: string } | null | undefined, want: string) => !!got && norm(got.name).includes(norm(want));

export function parseLabelled(c: LabelledMessage): ParsedMessage {
  return parseMessage(c.text, c.now ? { ...nluContext, now: new Date(c.now) } : nluContext);
}

/** What differs from the labels ("" when every stated field agrees). */
export function mismatch(c: LabelledMessage, p: ParsedMessage = parseLabelled(c)): string {
  const bad: string[] = [];
  if (p.intent !== c.intent) bad.push(`intent ${p.intent}`);
  if (c.indicator === null && p.indicator) bad.push(`indicator ${p.indicator.name}`);
  if (c.indicator && !hasNamePart(p.indicator, c.indicator)) bad.push(`indicator ${p.indicator?.name ?? "none"}`);
  if (c.value !== undefined && p.value !== c.value) bad.push(`value ${p.value}`);
  if (c.unit !== undefined && p.unit !== c.unit) bad.push(`unit ${p.unit}`);
  if (c.period !== undefined && span(p.period) !== span(c.period)) bad.push(`period ${span(p.period)}`);
  if (c.section === null && p.section) bad.push(`section ${p.section.name}`);
  if (c.section && !p.section?.name.includes(c.section)) bad.push(`section ${p.section?.name ?? "none"}`);
  if (c.choice !== undefined && p.choice !== c.choice) bad.push(`choice ${p.choice}`);
  if (c.status !== undefined && p.status !== c.status) bad.push(`status ${p.status}`);
  if (c.more) {
    const got = p.more ?? [];
    if (got.length !== c.more.length) bad.push(`more ${JSON.stringify(got.map((m) => m.text))}`);
    c.more.forEach((want, i) => {
      const m = got[i];
      if (!m) return;
      if (m.text !== want.text || m.value !== want.value) bad.push(`more[${i}] ${m.text}=${m.value}`);
      if (want.unit !== undefined && m.unit !== want.unit) bad.push(`more[${i}].unit ${m.unit}`);
      if (want.period !== undefined && span(m.period) !== span(want.period)) bad.push(`more[${i}].period ${span(m.period)}`);
      if (want.indicator === null && m.indicator) bad.push(`more[${i}].indicator ${m.indicator.name}`);
      if (want.indicator && !hasNamePart(m.indicator, want.indicator)) bad.push(`more[${i}].indicator ${m.indicator?.name ?? "none"}`);
      if (want.standalone !== undefined && m.standalone !== want.standalone) bad.push(`more[${i}].standalone ${m.standalone}`);
    });
  }
  return bad.join("; ");
}

/**
 * One test per line of tests/nlu/labelled/<name>.jsonl, named by its text, plus a floor on how many
 * lines the set holds; a knownWeak line is expected to fail (it.fails), so a fix shows up.
 */
export function describeLabelledSet(title: string, name: string, opts: { atLeast: number }): void {
  const lines = loadLabelledSet(name);
  const cases = lines.filter((c) => !c.knownWeak);
  const knownWeak = lines.filter((c) => c.knownWeak);
  describe(title, () => {
    it(`has at least ${opts.atLeast} cases`, () => expect(cases.length).toBeGreaterThanOrEqual(opts.atLeast));
    it.each(cases)("$text", (c) => expect(mismatch(c)).toBe(""));
    if (knownWeak.length) it.fails.each(knownWeak)("known weak: $text", (c) => expect(mismatch(c)).toBe(""));
  });
}
