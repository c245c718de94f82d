// "调解成功率的目标是多少" — open to everyone, whatever section owns the indicator.
// When the question fits two or three indicators ("我们的调解目标是多少"), reading all their targets
// at once is quicker than a round trip: we answer with each target and keep the numbered choice
// for the details.
import type { IntentHandler } from "../turn.js";
import { targetCard, targetsSummaryCard } from "../replies/target-card.js";
import { requireIndicator } from "./resolve-indicator.js";

export const queryTarget: IntentHandler = async (turn) => {
  const r = await requireIndicator(turn);
  if ("indicator" in r) return [{ kind: "card", card: targetCard(r.indicator) }];
  if ("choices" in r && r.choices.length > 1) return [{ kind: "card", card: targetsSummaryCard(r.choices) }];
  return r.replies;
};
