// The indicator a message is about: the parser's match, or — when it was not sure — a numbered
// choice of the top 3 candidates (also when its best two tie), remembered with the rest of the message so "2" can finish it.
import type { Reply } from "../types.js";
import { text, type Turn } from "../turn.js";
import type { IndicatorInfo } from "../indicator-catalog.js";
import { savePending } from "../dialog/pending-state.js";
import { choiceText, noIndicatorText } from "../replies/choice.js";

/** Two candidates this close are a tie the parser broke arbitrarily ("培训" → 开办培训 or 培训人次?). */
const TIE_MARGIN = 0.02;
const SURE_SCORE = 0.9;

function isTie(candidates: { score: number }[]): boolean {
  const [a, b] = candidates;
  return a !== undefined && b !== undefined && a.score < SURE_SCORE && a.score - b.score < TIE_MARGIN;
}

export type Resolution =
  | { indicator: IndicatorInfo }
  | { replies: Reply[]; choices: IndicatorInfo[] }
  | { none: true };

export async function resolveIndicator(turn: Turn): Promise<Resolution> {
  const { parsed, catalog } = turn;
  const found = parsed.indicator ? catalog.byId.get(parsed.indicator.id) : undefined;
  if (found && !isTie(parsed.candidates)) return { indicator: found };
  let candidates = parsed.candidates.filter((c) => catalog.byId.has(c.id));
  // "我们的调解目标": when the asker says 我们, their own section's candidates come first.
  const own = turn.user.sectionId;
  if (parsed.ownSection && own != null && candidates.some((c) => catalog.byId.get(c.id)!.sectionId === own)) {
    candidates = candidates.filter((c) => catalog.byId.get(c.id)!.sectionId === own);
  }
  candidates = candidates.slice(0, 3);
  if (candidates.length === 0) return { none: true };
  if (candidates.length === 1) return { indicator: catalog.byId.get(candidates[0]!.id)! };
  await savePending(
    turn.db,
    turn.user.id,
    {
      kind: "choose_indicator",
      candidates: candidates.map((c) => ({ id: c.id, name: c.name })),
      original: {
        intent: parsed.intent,
        text: parsed.text,
        value: parsed.value,
        unit: parsed.unit,
        status: parsed.status,
        ownSection: parsed.ownSection,
        period: parsed.period,
      },
    },
    turn.now,
  );
  return { replies: [text(choiceText(candidates))], choices: candidates.map((c) => catalog.byId.get(c.id)!) };
}

/** resolveIndicator, with "not found" answered by a hint. */
export async function requireIndicator(turn: Turn): Promise<Exclude<Resolution, { none: true }> | { replies: Reply[] }> {
  const r = await resolveIndicator(turn);
  return "none" in r ? { replies: [text(noIndicatorText())] } : r;
}
