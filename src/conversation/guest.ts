// A person the bot does not know yet (no bound user). The goal table is published public
// information, so a guest gets target answers and help — each with one line, addressed to staff,
// on how to get access. Progress, reports, section lists and overdue lists need a bound user:
// those get the same line instead. Nothing here writes to the database (no pending dialog either:
// a numbered choice needs a user to remember it for, so a guest sees every candidate's target at once).
import type { Reply } from "./types.js";
import type { IndicatorCatalog } from "./indicator-catalog.js";
import type { ParsedMessage } from "./nlu/types.js";
import { contenders, isTie } from "./handlers/resolve-indicator.js";
import { targetCard, targetsSummaryCard } from "./replies/target-card.js";
import { noIndicatorText } from "./replies/choice.js";
import { guestAccessLine, guestText, helpCard } from "./replies/help.js";

export function guestReplies(parsed: ParsedMessage, catalog: IndicatorCatalog, platform: string, externalId: string): Reply[] {
  const access = guestAccessLine(platform, externalId);
  if (parsed.intent === "help") return [{ kind: "card", card: withLine(helpCard(), access) }];
  if (parsed.intent !== "query_target") return [{ kind: "text", text: guestText(platform, externalId) }];
  const found = parsed.indicator ? catalog.byId.get(parsed.indicator.id) : undefined;
  if (found && !isTie(parsed.candidates)) return [{ kind: "card", card: withLine(targetCard(found), access) }];
  const choices = contenders(parsed.candidates.filter((c) => catalog.byId.has(c.id)).slice(0, 3)).map((c) => catalog.byId.get(c.id)!);
  if (choices.length === 0) return [{ kind: "text", text: `${noIndicatorText()}\n${access}` }];
  const card = choices.length === 1 ? targetCard(choices[0]!) : targetsSummaryCard(choices);
  return [{ kind: "card", card: withLine(card, access) }];
}

function withLine(card: ReturnType<typeof helpCard>, line: string) {
  return { ...card, lines: [...card.lines, line] };
}
