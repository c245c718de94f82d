// Which handler answers a message, given the pending dialog. The parser reads "2" as a choice
// whatever the context; only with a numbered choice pending is it one.
import type { Intent, ParsedMessage } from "../nlu/types.js";
import type { Pending } from "./pending-state.js";

export function routeIntent(parsed: ParsedMessage, pending: Pending | null): Intent {
  if (pending?.kind === "choose_indicator" && parsed.choice !== null && (parsed.intent === "choose" || parsed.intent === "unknown")) {
    return "choose";
  }
  if (parsed.intent === "choose" && pending?.kind !== "choose_indicator") return "unknown";
  // "是10月的" / "改成9月" while a report waits for 确认: a period and nothing else changes its period.
  if (pending?.kind === "confirm_report" && periodOnly(parsed) && (parsed.intent === "unknown" || parsed.intent === "correct")) {
    return "correct";
  }
  return parsed.intent;
}

/** A message that names a period and nothing else a report has (no indicator, figure or status). */
export function periodOnly(parsed: ParsedMessage): boolean {
  return !!parsed.period && !parsed.indicator && parsed.value === null && parsed.status === null;
}
