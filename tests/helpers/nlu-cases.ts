// Shared harness of the table-driven held-out NLU tests: one Case per message, checked field by
// field against parseMessage on the 2021 catalogue at the evaluation clock (2021-11-15 10:00 +08:00).
// Only the fields a case states are checked; `null` means "must be absent".
import { parseMessage } from "../../src/conversation/nlu/parse.js";
import type { Intent, ParsedMessage } from "../../src/conversation/nlu/types.js";
import { catalogDocs, catalogSections } from "./catalog-docs.js";

export const NLU_NOW = new Date("2021-11-15T10:00:00+08:00");
export const nluContext = { now: NLU_NOW, indicators: catalogDocs(), sections: catalogSections() };

export const OCT = "2021-10-01..2021-10-31";
export const NOV = "2021-11-01..2021-11-30";
export const DEC = "2021-12-01..2021-12-31";
export const YEAR = "2021-01-01..2021-12-31";

export interface NluCase {
  text: string;
  intent: Intent;
  /** A distinctive part of the expected indicator's name; null = no indicator. */
  indicator?: string | null;
  value?: number | null;
  unit?: string | null;
  /** "YYYY-MM-DD..YYYY-MM-DD"; null = no period. */
  period?: string | null;
  /** A distinctive part of the section the message names. */
  section?: string | null;
  choice?: number;
  status?: "done" | "in_progress" | null;
  /** Another clock than NLU_NOW. */
  now?: string;
}

export const norm = (s: string) => s.replace(/[\s，,。“”"'、（）()《》]/g, "");
export const span = (p: { start: string; end: string } | null | undefined) => (p ? `${p.start}..${p.end}` : null);
export const named = (got: { name: string } | null | undefined, want: string) => !!got && norm(got.name).includes(norm(want));

export function parseCase(c: NluCase): ParsedMessage {
  return parseMessage(c.text, c.now ? { ...nluContext, now: new Date(c.now) } : nluContext);
}

/** What differs from the expectation ("" when every stated field agrees). */
export function mismatch(c: NluCase, p: ParsedMessage = parseCase(c)): string {
  const bad: string[] = [];
  if (p.intent !== c.intent) bad.push(`intent ${p.intent}`);
  if (c.indicator === null && p.indicator) bad.push(`indicator ${p.indicator.name}`);
  if (c.indicator && !named(p.indicator, c.indicator)) bad.push(`indicator ${p.indicator?.name ?? "none"}`);
  if (c.value !== undefined && p.value !== c.value) bad.push(`value ${p.value}`);
  if (c.unit !== undefined && p.unit !== c.unit) bad.push(`unit ${p.unit}`);
  if (c.period !== undefined && span(p.period) !== c.period) bad.push(`period ${span(p.period)}`);
  if (c.section === null && p.section) bad.push(`section ${p.section.name}`);
  if (c.section && !p.section?.name.includes(c.section)) bad.push(`section ${p.section?.name ?? "none"}`);
  if (c.choice !== undefined && p.choice !== c.choice) bad.push(`choice ${p.choice}`);
  if (c.status !== undefined && p.status !== c.status) bad.push(`status ${p.status}`);
  return bad.join("; ");
}
