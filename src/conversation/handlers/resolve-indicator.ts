// The indicator a message is about: the parser's match, or — when it was not sure — a numbered
// choice of the top 3 candidates (also when its best two tie), remembered with the rest of the message so "2" can finish it.
// The choice lists only real contenders: a candidate under 70% of the best score is dropped, and when
// two or more hold the user's words in their official name ("培训" → 开办培训, 培训人次) one that
// has them only in an alias or its text (仲裁培训 → 提升办案人员队伍建设) is too. At least 2 stay.
import type { Reply } from "../types.js";
import { text, type Turn } from "../turn.js";
import type { IndicatorInfo } from "../indicator-catalog.js";
import { savePending } from "../dialog/pending-state.js";
import { choiceText, noIndicatorText } from "../replies/choice.js";

/** Two candidates this close are a tie the parser broke arbitrarily ("培训" → 开办培训 or 培训人次?). */
const TIE_MARGIN = 0.02;
const SURE_SCORE = 0.9;
/** A candidate scoring under this share of the best one is no real contender for a choice. */
const CONTENDER_SHARE = 0.7;

/** The candidates worth offering (best first), at least two of them when there are two. */
export function contenders<C extends { score: number; inName?: boolean }>(candidates: C[]): C[] {
  const top = candidates[0]?.score ?? 0;
  let kept = candidates.filter((c) => c.score >= top * CONTENDER_SHARE);
  const inName = kept.filter((c) => c.inName);
  if (inName.length >= 2) kept = inName;
  return kept.length >= 2 ? kept : candidates.slice(0, 2);
}

/** The parser's best match is not sure enough to answer without asking. */
export function isTie(candidates: { score: number }[]): boolean {
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
  candidates = contenders(candidates.slice(0, 3));
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
        ...(parsed.more?.length ? { more: parsed.more } : {}),
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
