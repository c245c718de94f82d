// Matching a long, chatty message: the words of its other clauses (上周刚接手这块工作, 麻烦回复一下)
// dilute the clause that names the indicator. Each clause is matched too, and an indicator keeps its
// best score — a clause's slightly discounted, so the whole message wins when it agrees.
import type { Candidate } from "./types.js";
import { byScore, type IndicatorMatcher, type MatchOptions } from "./indicator-matcher.js";

/** A clause alone is a little less sure than the whole message. */
const CLAUSE_FACTOR = 0.9;
const CLAUSE_BREAK = /[，,。！!？?；;~～\s]+/;

export function matchBestClause(matcher: IndicatorMatcher, query: string, opts: MatchOptions): Candidate[] {
  const limit = opts.limit ?? 5;
  const whole = matcher.match(query, { ...opts, limit: matcher.size });
  const clauses = query.split(CLAUSE_BREAK).filter((c) => (c.match(/\p{Script=Han}/gu)?.length ?? 0) >= 3);
  if (clauses.length < 2) return whole.slice(0, limit);
  const best = new Map(whole.map((c) => [c.id, c]));
  for (const clause of clauses) {
    for (const c of matcher.match(clause, { ...opts, limit: matcher.size })) {
      const score = Math.round(c.score * CLAUSE_FACTOR * 1000) / 1000;
      const held = best.get(c.id);
      if (score > (held?.score ?? 0)) best.set(c.id, { ...c, score, ...(held?.inName ? { inName: true } : {}) });
    }
  }
  return [...best.values()].sort(byScore).slice(0, limit);
}
