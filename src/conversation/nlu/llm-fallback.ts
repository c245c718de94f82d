// Optional LLM fallback around the rule-based parser. The rules answer first; only a message they
// could not place (intent unknown, or an indicator intent without a confident indicator) is sent
// to the model, and the model only fills what the rules left empty. The model names things in
// words; the indicator goes back through the same fuzzy matcher as typed text (an id from the model
// is never trusted) and the period text through the rule-based period reader. Any failure keeps the
// rule-based result unchanged: the bot works fully without the model.
import type { Logger } from "../../logger.js";
import { matcherFor, MATCH_THRESHOLD } from "./indicator-matcher.js";
import { createLlmClient, type LlmClient, type LlmExtraction } from "./llm-client.js";
import { findPeriod } from "./periods.js";
import type { ParseContext, ParsedMessage } from "./types.js";
import { unitAt } from "./unit-reading.js";

export type ParseFn = (text: string, ctx: ParseContext) => ParsedMessage | Promise<ParsedMessage>;

const NEEDS_INDICATOR = new Set<ParsedMessage["intent"]>(["query_target", "query_progress", "report_progress"]);

/** Whether the rules left this message to the model. */
export function needsFallback(p: ParsedMessage): boolean {
  if (p.intent === "unknown") return true;
  // Weak candidates (below the matcher's threshold) still count as no match: the model may name
  // the indicator outright where the bot would otherwise offer three to pick from.
  if (!NEEDS_INDICATOR.has(p.intent) || p.indicator) return false;
  // "我们科的进度" asks about the whole section: no indicator is the right answer.
  return !(p.intent === "query_progress" && p.ownSection);
}

/** The unit the rules would have read ("百分比" or "percent" from a model are not units here). */
function unitFromModel(unit: string | null): string | null {
  if (!unit) return null;
  const u = unitAt(unit);
  return u && u.length === unit.trim().length ? u.unit : null;
}

/** Fills what the rules left empty from the model's answer; what the rules found stays. */
export function mergeExtraction(rules: ParsedMessage, x: LlmExtraction, ctx: ParseContext): ParsedMessage {
  const intent = rules.intent === "unknown" ? x.intent : rules.intent;
  if (intent === "unknown") return rules;
  const unit = rules.unit ?? unitFromModel(x.unit);
  let indicator = rules.indicator;
  let candidates = rules.candidates;
  if (!indicator && x.indicator && NEEDS_INDICATOR.has(intent)) {
    const matched = matcherFor(ctx.indicators).match(x.indicator, { unit, limit: 3 });
    const best = matched[0];
    if (best && best.score >= MATCH_THRESHOLD) {
      indicator = { id: best.id, name: best.name };
      candidates = matched;
    } else if (!candidates.length) candidates = matched; // the rules' own choices stay when there are any
  }
  // Only a report carries a figure (in a question it quotes the target), as in the rules.
  const reports = intent === "report_progress" || intent === "correct";
  return {
    ...rules,
    intent,
    indicator,
    candidates,
    value: reports ? (rules.value ?? x.value) : null,
    unit: reports ? unit : null,
    period: rules.period ?? (x.period ? (findPeriod(x.period, ctx.now)?.slot ?? null) : null),
  };
}

/** `parse` with the model as a fallback; pass the result to createBot as its `parse`. */
export function withLlmFallback(parse: ParseFn, client: LlmClient, opts: { log?: Logger } = {}): (text: string, ctx: ParseContext) => Promise<ParsedMessage> {
  return async (text, ctx) => {
    const rules = await parse(text, ctx);
    if (!needsFallback(rules)) return rules;
    const answer = await client.extract(text, ctx);
    if (!answer.ok) return rules;
    const merged = mergeExtraction(rules, answer.extraction, ctx);
    opts.log?.info({ text, rules: rules.intent, llm: answer.extraction.intent, intent: merged.intent, indicator: merged.indicator?.name ?? null }, "llm fallback used");
    return merged;
  };
}

/** The composition root's one call: `parse` wrapped when LLM_BASE_URL + LLM_MODEL are set, else `parse` itself. */
export function parseWithOptionalLlm(
  parse: ParseFn,
  config: { llmEnabled: boolean; LLM_BASE_URL?: string; LLM_MODEL?: string; LLM_API_KEY?: string; LLM_TIMEOUT_MS: number },
  log?: Logger,
): ParseFn {
  if (!config.llmEnabled || !config.LLM_BASE_URL || !config.LLM_MODEL) return parse;
  const settings = { baseUrl: config.LLM_BASE_URL, model: config.LLM_MODEL, apiKey: config.LLM_API_KEY, timeoutMs: config.LLM_TIMEOUT_MS };
  log?.info({ baseUrl: settings.baseUrl, model: settings.model, timeoutMs: settings.timeoutMs }, "llm fallback on");
  return withLlmFallback(parse, createLlmClient(settings, { log }), { log });
}
