// Which handler answers a message, given the pending dialog. The parser reads "2" as a choice
// whatever the context; only with a numbered choice pending is it one.
import type { Intent, ParsedMessage } from "../nlu/types.js";
import type { Pending } from "./pending-state.js";

export function routeIntent(parsed: ParsedMessage, pending: Pending | null): Intent {
  if (pending?.kind === "choose_indicator" && parsed.choice !== null && (parsed.intent === "choose" || parsed.intent === "unknown")) {
    return "choose";
  }
  if (parsed.intent === "choose" && pending?.kind !== "choose_indicator") return "unknown";
  return parsed.intent;
}
