// Fuzzy indicator lookup: which indicator does a (cleaned) message talk about?
// Each indicator's text fields become char and toneless-pinyin uni/bigrams weighted by IDF over the
// catalogue (a word many indicators share — 工作, 法治 — says little). Two views are blended:
// - name similarity: the query against the name or one alias, covering both ways;
// - document coverage: how much of the query some field of the indicator explains (普法动态 lives
//   only in 新媒体平台建设's target text), with the name above group above target/explanation.
// Char and pinyin scores are averaged, so 调节成功率 finds 调解成功率. A unit in the message breaks ties.
// Features live in inverted indexes built once, so a query costs only the postings of its tokens.
import type { Candidate, IndicatorDoc } from "./types.js";
import { isUnigram, segments, textTokens } from "./text-features.js";
import { sameUnitFamily } from "../../domain/units.js";

/** Below this top score the caller should offer the top 3 candidates instead of assuming one. */
export const MATCH_THRESHOLD = 0.42;

const FIELD_WEIGHT = { name: 1, group: 0.7, target: 0.75, explanation: 0.65, goal: 0.6 } as const;
const UNIGRAM_FACTOR = 0.25;
const UNIT_BONUS = 0.06;
const UNIT_PENALTY = 0.04;
const SECTION_BONUS = 0.03;
const SHORT_QUERY_FACTOR = 0.4; // keeps a partial two-character match under MATCH_THRESHOLD

type View = "chars" | "pinyin";

export interface MatchOptions {
  /** The unit written in the message (人次, 场, %…), if any. */
  unit?: string | null;
  /** The asker's section: its indicators get a small bonus. */
  sectionId?: number | null;
  limit?: number;
}

export class IndicatorMatcher {
  private readonly docs: IndicatorDoc[];
  private readonly idf = new Map<string, number>();
  private readonly unknownWeight: number;
  /** token → [indicator index, best field weight] */
  private readonly fieldPostings = new Map<string, Array<[number, number]>>();
  /** token → [indicator index, name index] (name 0 is the name, then the aliases) */
  private readonly namePostings = new Map<string, Array<[number, number]>>();
  /** per view, per indicator: Σ token weights of each name/alias */
  private readonly nameWeights: Record<View, number[][]>;
  /** normalised names and aliases: a short query equal to one of them is not damped ("法考") */
  private readonly exact: Array<Set<string>>;
  /** normalised official names: a query written inside one is marked `inName` */
  private readonly officialNames: string[];

  constructor(docs: IndicatorDoc[]) {
    this.docs = docs;
    const perDoc = docs.map((doc) => {
      const fields = new Map<string, number>();
      const put = (text: string | null | undefined, w: number) => {
        if (!text) return;
        const t = textTokens(text);
        for (const tok of [...t.chars, ...t.pinyin]) fields.set(tok, Math.max(fields.get(tok) ?? 0, w));
      };
      [doc.name, ...doc.aliases].forEach((n) => put(n, FIELD_WEIGHT.name));
      put(doc.group, FIELD_WEIGHT.group);
      put(doc.targetText, FIELD_WEIGHT.target);
      put(doc.explanation, FIELD_WEIGHT.explanation);
      put(doc.goal, FIELD_WEIGHT.goal);
      return fields;
    });
    const n = Math.max(docs.length, 1);
    // A token no indicator has is off-topic evidence: it weighs half as much as the rarest known token.
    this.unknownWeight = 0.5 * Math.log(1 + n);
    perDoc.forEach((fields, i) => {
      for (const [tok, w] of fields) push(this.fieldPostings, tok, [i, w]);
    });
    for (const [tok, postings] of this.fieldPostings) {
      this.idf.set(tok, Math.log(1 + n / postings.length) * (isUnigram(tok) ? UNIGRAM_FACTOR : 1));
    }
    this.nameWeights = { chars: [], pinyin: [] };
    docs.forEach((doc, i) => {
      this.nameWeights.chars.push([]);
      this.nameWeights.pinyin.push([]);
      [doc.name, ...doc.aliases].forEach((name, j) => {
        const t = textTokens(name);
        for (const tok of [...t.chars, ...t.pinyin]) push(this.namePostings, tok, [i, j]);
        this.nameWeights.chars[i]!.push(sum([...t.chars].map((x) => this.weightOf(x))));
        this.nameWeights.pinyin[i]!.push(sum([...t.pinyin].map((x) => this.weightOf(x))));
      });
    });
    this.exact = docs.map((d) => new Set([d.name, ...d.aliases].map((s) => segments(s).join(""))));
    this.officialNames = docs.map((d) => segments(d.name).join(""));
  }

  get size(): number {
    return this.docs.length;
  }

  /** Candidates for a query, best first, scores in 0..1. */
  match(query: string, opts: MatchOptions = {}): Candidate[] {
    const q = textTokens(query);
    if (q.chars.size === 0) return [];
    // A two-character query ("调解", "清单") is too little to be sure of: damp it below the threshold.
    const key = segments(query).join("");
    const short = [...key].length <= 2;
    const charScores = this.scores(q.chars, "chars");
    const pinyinScores = this.scores(q.pinyin, "pinyin");
    const out: Candidate[] = [];
    this.docs.forEach((doc, i) => {
      let score = Math.min(1, 0.5 * charScores[i]! + 0.5 * pinyinScores[i]!);
      if (score <= 0) return;
      if (short && !this.exact[i]!.has(key)) score *= SHORT_QUERY_FACTOR;
      if (opts.unit && doc.units.length) score += doc.units.some((u) => sameUnitFamily(u, opts.unit!)) ? UNIT_BONUS : -UNIT_PENALTY;
      if (opts.sectionId != null && doc.sectionId === opts.sectionId) score += SECTION_BONUS;
      const c: Candidate = { id: doc.id, name: doc.name, score: Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000 };
      if (key.length >= 2 && this.officialNames[i]!.includes(key)) c.inName = true;
      out.push(c);
    });
    out.sort(byScore);
    return out.slice(0, opts.limit ?? 5);
  }

  private weightOf(token: string): number {
    return this.idf.get(token) ?? (isUnigram(token) ? this.unknownWeight * UNIGRAM_FACTOR : this.unknownWeight);
  }

  /** One view's score per indicator: max(name similarity, document coverage), 0 without a shared bigram. */
  private scores(tokens: Set<string>, view: View): number[] {
    const n = this.docs.length;
    const covered = new Float64Array(n);
    const bigramHit = new Uint8Array(n);
    const shared = this.nameWeights[view].map((names) => new Float64Array(names.length));
    let total = 0;
    for (const tok of tokens) {
      const w = this.weightOf(tok);
      total += w;
      for (const [i, fw] of this.fieldPostings.get(tok) ?? []) {
        covered[i] = covered[i]! + w * fw;
        if (!isUnigram(tok)) bigramHit[i] = 1; // unigrams alone (用, 法) are noise, not evidence
      }
      for (const [i, j] of this.namePostings.get(tok) ?? []) shared[i]![j] = shared[i]![j]! + w;
    }
    const out = new Array<number>(n).fill(0);
    if (total === 0) return out;
    for (let i = 0; i < n; i++) {
      if (!bigramHit[i]) continue;
      const docCoverage = covered[i]! / total;
      let nameSim = 0;
      this.nameWeights[view][i]!.forEach((nameWeight, j) => {
        const s = shared[i]![j]!;
        if (nameWeight > 0) nameSim = Math.max(nameSim, 0.6 * (s / total) + 0.4 * (s / nameWeight));
      });
      // ÷1.1 keeps 1 for an exact name and ranks "query inside the name" above "query inside the text".
      out[i] = (Math.max(nameSim, docCoverage) + 0.1 * Math.min(nameSim, docCoverage)) / 1.1;
    }
    return out;
  }
}

/** Best first; on equal scores the one whose official name holds the query's words ("培训" → 开办培训 before 仲裁培训's indicator). */
// One matcher per indicator list (a catalogue snapshot): building one tokenises every indicator,
// pinyin included (~ms); matching is ~µs.
const matchers = new WeakMap<IndicatorDoc[], IndicatorMatcher>();
/** The matcher of `docs`, built once per list. */
export function matcherFor(docs: IndicatorDoc[]): IndicatorMatcher {
  let m = matchers.get(docs);
  if (!m) matchers.set(docs, (m = new IndicatorMatcher(docs)));
  return m;
}

export function byScore(a: Candidate, b: Candidate): number {
  return b.score - a.score || Number(!!b.inName) - Number(!!a.inName) || a.id - b.id;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
