// "调解成功率的目标是多少" — open to everyone, whatever section owns the indicator.
import type { IntentHandler } from "../turn.js";
import { targetCard } from "../replies/target-card.js";
import { requireIndicator } from "./resolve-indicator.js";

export const queryTarget: IntentHandler = async (turn) => {
  const r = await requireIndicator(turn);
  if ("replies" in r) return r.replies;
  return [{ kind: "card", card: targetCard(r.indicator) }];
};
