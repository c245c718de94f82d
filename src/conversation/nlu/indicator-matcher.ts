// Fuzzy indicator lookup: which indicator does a (cleaned) message talk about?
// Each indicator's text fields become char and toneless-pinyin uni/bigrams weighted by IDF over the
// catalogue (a word many indicators share — 工作, 法治 — says little). Two views are blended:
// - name similarity: the query against the name or one alias, covering both ways;
// - document coverage: how much of the query some field of the indicator explains (普法动态 lives
//   only in 新媒体平台建设's target text), with the name above group above target/explanation.
// Char and pinyin scores are averaged, so 调节成功率 finds 调解成功率. A unit in the message breaks ties.
import type { Candidate, IndicatorDoc } from "./types.js";
import { isUnigram, segments, textTokens } from "./text-features.js";
import { unitsCompatible } from "./units.js";

/** Below this top score the caller should offer the top 3 candidates instead of assuming one. */
export const MATCH_THRESHOLD = 0.42;

const FIELD_WEIGHT = { name: 1, group: 0.7, target: 0.75, explanation: 0.65, goal: 0.6 } as const;
const UNIGRAM_FACTOR = 0.25;

const UNIT_BONUS = 0.06;
const UNIT_PENALTY = 0.04;
const SECTION_BONUS = 0.03;
const SHORT_QUERY_FACTOR = 0.4; // keeps a partial two-character match under MATCH_THRESHOLD

interface NameFeature {
  tokens: Set<string>;
  weight: number; // Σ token weights
}

interface IndicatorFeatures {
  doc: IndicatorDoc;
  names: { chars: NameFeature[]; pinyin: NameFeature[] };
  /** token → best field weight in this indicator */
  fields: Map<string, number>;
  /** name and aliases, normalised: a short query equal to one of them is not damped ("法考"). */
  exact: Set<string>;
}

export interface MatchOptions {
  /** The unit written in the message (人次, 场, %…), if any. */
  unit?: string | null;
  /** The asker's section: its indicators get a small bonus. */
  sectionId?: number | null;
  limit?: number;
}

export class IndicatorMatcher {
  private readonly features: IndicatorFeatures[];
  private readonly idf = new Map<string, number>();
  private readonly unknownWeight: number;

  constructor(docs: IndicatorDoc[]) {
    const perDoc = docs.map((doc) => {
      const fields = new Map<string, number>();
      const put = (text: string | null, w: number) => {
        if (!text) return;
        const t = textTokens(text);
        for (const tok of [...t.chars, ...t.pinyin]) fields.set(tok, Math.max(fields.get(tok) ?? 0, w));
      };
      put(doc.name, FIELD_WEIGHT.name);
      for (const a of doc.aliases) put(a, FIELD_WEIGHT.name);
      put(doc.group, FIELD_WEIGHT.group);
      put(doc.targetText, FIELD_WEIGHT.target);
      put(doc.explanation, FIELD_WEIGHT.explanation);
      put(doc.goal ?? null, FIELD_WEIGHT.goal);
      return { doc, fields };
    });
    const df = new Map<string, number>();
    for (const d of perDoc) for (const tok of d.fields.keys()) df.set(tok, (df.get(tok) ?? 0) + 1);
    const n = Math.max(docs.length, 1);
    // A token no indicator has is off-topic evidence: it weighs half as much as the rarest known token.
    this.unknownWeight = 0.5 * Math.log(1 + n);
    for (const [tok, count] of df) this.idf.set(tok, Math.log(1 + n / count) * (isUnigram(tok) ? UNIGRAM_FACTOR : 1));
    this.features = perDoc.map(({ doc, fields }) => {
      const nameTexts = [doc.name, ...doc.aliases].map((s) => textTokens(s));
      return {
        doc,
        fields,
        exact: new Set([doc.name, ...doc.aliases].map((n) => segments(n).join(""))),
        names: {
          chars: nameTexts.map((t) => this.nameFeature(t.chars)),
          pinyin: nameTexts.map((t) => this.nameFeature(t.pinyin)),
        },
      };
    });
  }

  get size(): number {
    return this.features.length;
  }

  /** Candidates for a query, best first, scores in 0..1. */
  match(query: string, opts: MatchOptions = {}): Candidate[] {
    const q = textTokens(query);
    if (q.chars.size === 0) return [];
    // A two-character query ("调解", "清单") is too little to be sure of: damp it below the threshold.
    const key = segments(query).join("");
    const short = [...key].length <= 2;
    const qc = this.weighted(q.chars);
    const qp = this.weighted(q.pinyin);
    const out: Candidate[] = [];
    for (const f of this.features) {
      const charScore = this.score(qc, f, f.names.chars);
      const pinyinScore = this.score(qp, f, f.names.pinyin);
      let score = Math.min(1, 0.5 * charScore + 0.5 * pinyinScore);
      if (short && !f.exact.has(key)) score *= SHORT_QUERY_FACTOR;
      if (score > 0 && opts.unit && f.doc.units.length) {
        score += f.doc.units.some((u) => unitsCompatible(u, opts.unit!)) ? UNIT_BONUS : -UNIT_PENALTY;
      }
      if (score > 0 && opts.sectionId != null && f.doc.sectionId === opts.sectionId) score += SECTION_BONUS;
      if (score > 0) out.push({ id: f.doc.id, name: f.doc.name, score: Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000 });
    }
    out.sort((a, b) => b.score - a.score || a.id - b.id);
    return out.slice(0, opts.limit ?? 5);
  }

  private nameFeature(tokens: Set<string>): NameFeature {
    let weight = 0;
    for (const t of tokens) weight += this.weightOf(t);
    return { tokens, weight };
  }

  private weightOf(token: string): number {
    return this.idf.get(token) ?? (isUnigram(token) ? this.unknownWeight * UNIGRAM_FACTOR : this.unknownWeight);
  }

  private weighted(tokens: Set<string>): { tokens: Array<[string, number]>; total: number } {
    const list = [...tokens].map((t) => [t, this.weightOf(t)] as [string, number]);
    return { tokens: list, total: list.reduce((s, [, w]) => s + w, 0) };
  }

  private score(q: { tokens: Array<[string, number]>; total: number }, f: IndicatorFeatures, names: NameFeature[]): number {
    if (q.total === 0) return 0;
    let covered = 0;
    let sharesBigram = false; // unigrams alone (用, 法) are noise, not evidence
    for (const [t, w] of q.tokens) {
      const fw = f.fields.get(t);
      if (fw === undefined) continue;
      covered += w * fw;
      if (!isUnigram(t)) sharesBigram = true;
    }
    if (!sharesBigram) return 0;
    const docCoverage = covered / q.total;
    let nameSim = 0;
    for (const name of names) {
      if (name.weight === 0) continue;
      let shared = 0;
      for (const [t, w] of q.tokens) if (name.tokens.has(t)) shared += w;
      nameSim = Math.max(nameSim, 0.6 * (shared / q.total) + 0.4 * (shared / name.weight));
    }
    // ÷1.1 keeps 1 for an exact name and ranks "query inside the name" above "query inside the text".
    return (Math.max(nameSim, docCoverage) + 0.1 * Math.min(nameSim, docCoverage)) / 1.1;
  }
}
