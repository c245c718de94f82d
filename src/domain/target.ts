// parseTarget: a goal table's free-text 年度指标值 → TypedTarget (see target-types.ts).
// Rules, not per-text cases: split into items (1. 2. 3.) and clauses (，；。 and spaces), read at
// most one "comparator word + number (Arabic or Chinese) + unit" per clause, keep the rest as
// qualitative. Decisions, so that reports are judged the same way everywhere:
// - A bare number is a floor: "98%" (调解成功率) and "发布专栏24期" mean ≥; exceeding a plan is met.
// - A bare 0, a ≤/< comparator or an indicator word like 偏离/差错/事故 makes the part 反向
//   (less is better); a bare number there is a ceiling: "0%" 预算资金偏离率 → ≤ 0%.
// - "左右"/"约" → ≈ with ±20% (DEFAULT_TOLERANCE).
// - "零差错" / "没有发生重大安全事故" → ≤ 0 of that thing, 反向, no unit.
// - A unitless number counts only right after a comparator ("律师办理案件数量≥200", unit null:
//   not guessed from the label) or after a …率 label ("考核完成率1" = 100%).
// - Numbers in 《…》〔…〕[…], years and dates (2020年, 11月) are never targets; a date before 完成
//   becomes the qualitative part's deadline. "XX" marks an unfilled placeholder.
import type { QualitativePart, QuantitativePart, TargetPart, TypedTarget } from "./target-types.js";
import {
  DEFAULT_TOLERANCE, NEGATIVE_WORDS, PREFIX_COMPARATORS, SUFFIX_COMPARATORS,
} from "./target-words.js";
import { TARGET_UNIT_PATTERN } from "./units.js";
import { NUMERAL_SOURCE, parseNumeral, stripInvisible } from "./numerals.js";

export { DEFAULT_TOLERANCE } from "./target-words.js";
export { normaliseUnit, sameUnitFamily } from "./units.js";
export { assessValue, defaultAggregation, type Assessment } from "./target-assess.js";


export interface TargetContext {
  /** The indicator name ("预算资金偏离率"); lets its wording set the direction. */
  indicator?: string;
}

interface Span {
  text: string;
  start: number;
  end: number;
}

export function parseTarget(text: string, context: TargetContext = {}): TypedTarget {
  const src = normaliseTargetText(text);
  const parts: TargetPart[] = [];
  for (const item of splitItems(src)) {
    // Adjacent qualitative clauses of one item stay together as one remainder.
    let pending: Span[] = [];
    const flush = () => {
      const first = pending[0];
      const last = pending[pending.length - 1];
      if (first && last) parts.push(qualitative(item.slice(first.start, last.end)));
      pending = [];
    };
    for (const clause of splitClauses(item)) {
      const found = readQuantities(clause.text, context);
      if (found.length === 0) {
        pending.push(clause);
        continue;
      }
      flush();
      for (const p of found) addPart(parts, p);
    }
    flush();
  }
  if (parts.length === 0) parts.push(qualitative(src));
  return { parts };
}

function normaliseTargetText(text: string): string {
  return stripInvisible(text)
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/％/g, "%")
    .replace(/．/g, ".")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[。.；;，,\s]+$/, "");
}

/** "1.每周… 2.投放… 3.报纸…" → three items; the markers are dropped. */
function splitItems(src: string): string[] {
  const marker = /(?:^|\s)(?:\d{1,2}[.、](?!\d)|[（(]\d{1,2}[)）])/g;
  const cuts = [...src.matchAll(marker)].map((m) => ({ at: m.index, len: m[0].length }));
  if (cuts.length === 0) return [src];
  const items: string[] = [];
  if ((cuts[0]?.at ?? 0) > 0) items.push(src.slice(0, cuts[0]?.at));
  cuts.forEach((c, i) => items.push(src.slice(c.at + c.len, cuts[i + 1]?.at ?? src.length)));
  return items.map((s) => s.trim()).filter((s) => s !== "");
}

function splitClauses(item: string): Span[] {
  // A comma between thousands groups ("1,200人次") is part of the number, not a clause break.
  return [...item.matchAll(/(?:[^，,；;。\s]|(?<=\d)[,，](?=\d{3}(?!\d)))+/g)].map((m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** Hide document names and numbers (《…》, 〔2020〕, [2015]) from the number reader. */
function mask(s: string): string {
  return s.replace(/《[^》]*》|〔[^〕]*〕|\[[^\]]*\]|【[^】]*】/g, (m) => "□".repeat(m.length));
}

const NUMBER = new RegExp(`(${NUMERAL_SOURCE})(余|多)?(${TARGET_UNIT_PATTERN})?`, "g");
const ZERO = /零(差错|错误|事故|失误|投诉|违规|违纪)|(?:没有|未|无)发生(.+)/;

function readQuantities(clause: string, context: TargetContext): QuantitativePart[] {
  const zero = ZERO.exec(clause);
  if (zero) {
    const label = zero[1] ?? zero[2];
    return [{ kind: "quantitative", text: clause, ...(label ? { label } : {}), comparator: "<=", value: 0, unit: null, direction: "negative" }];
  }
  const masked = mask(clause);
  for (const m of masked.matchAll(NUMBER)) {
    const [whole, numeral = "", approx, unitFound] = m;
    // 万元 is a unit: "50万元" is 50 of 万元, not 500000 元.
    const tenThousandYuan = !approx && unitFound === "元" && numeral.endsWith("万") && numeral.length > 1;
    const num = tenThousandYuan ? numeral.slice(0, -1) : numeral;
    const unitRaw = tenThousandYuan ? "万元" : unitFound;
    const start = m.index;
    const end = start + whole.length;
    const after = masked.slice(end);
    const before = masked.slice(0, start);
    const chinese = !/^\d/.test(num);
    if (!unitRaw && (chinese || /^[年月日号时]/.test(after))) continue;
    if (unitRaw === "个" && after.startsWith("月")) continue; // "3个月" is a duration
    const prefix = findPrefixComparator(before);
    const rate = /率\s*$/.test(before);
    if (!unitRaw && !(prefix?.adjacent || rate)) continue;
    const value = parseNumeral(num);
    if (value === null) continue;
    const suffix = SUFFIX_COMPARATORS.find(([w]) => after.trimStart().startsWith(w));
    const explicit = suffix?.[1] ?? prefix?.comparator ?? (approx ? ">=" : undefined);
    // Masking keeps lengths, so the label is cut from the unmasked clause at the same offsets.
    const afterStart = end + (after.length - after.trimStart().length) + (suffix?.[0].length ?? 0);
    const labelText = prefix
      ? clause.slice(0, prefix.at) + clause.slice(prefix.at + prefix.word.length, start) + clause.slice(afterStart)
      : clause.slice(0, start) + clause.slice(afterStart);
    const per = perOf(labelText);
    const each = /各\s*$/.test(before.slice(0, prefix?.at ?? before.length));
    const label = cleanLabel(labelText);
    const negativeWords = NEGATIVE_WORDS.test(label ?? "") || NEGATIVE_WORDS.test(context.indicator ?? "");
    const direction =
      explicit === "<=" || explicit === "<" ? "negative"
      : explicit === ">=" || explicit === ">" ? "positive"
      : negativeWords || value === 0 ? "negative" : "positive";
    const part: QuantitativePart = {
      kind: "quantitative",
      text: clause,
      comparator: explicit ?? (direction === "negative" ? "<=" : ">="),
      value: !unitRaw && rate && value <= 1 ? value * 100 : value,
      unit: unitRaw ?? (rate ? "%" : null),
      direction,
      ...(explicit === "≈" ? { tolerance: DEFAULT_TOLERANCE } : {}),
      ...(per ? { per } : {}),
    };
    // "动员部署、年中调度、年底考核各1次" → one part per listed activity.
    const labels = each && label ? label.split("、").filter((l) => l !== "") : [label];
    return labels.map((l) => (l ? { ...part, label: l } : part));
  }
  return [];
}

const ADJACENT_ONLY = new Set(["达", "达到", "约", "大约", "=", "等于"]);

function findPrefixComparator(before: string) {
  let best: { word: string; comparator: QuantitativePart["comparator"]; at: number; adjacent: boolean } | undefined;
  for (const [word, comparator] of PREFIX_COMPARATORS) {
    const at = before.lastIndexOf(word);
    if (at < 0 || (best && at + word.length <= best.at + best.word.length)) continue;
    const adjacent = before.slice(at + word.length).trim() === "";
    if (!adjacent && ADJACENT_ONLY.has(word)) continue; // 达标率, 约谈: words, not comparators
    best = { word, comparator, at, adjacent };
  }
  return best;
}

function perOf(s: string): QuantitativePart["per"] | undefined {
  if (/每周|周均/.test(s)) return "week";
  if (/每月|月均/.test(s)) return "month";
  if (/每季|季均/.test(s)) return "quarter";
  if (/每年|年均/.test(s)) return "year";
  return undefined;
}

function cleanLabel(s: string): string | undefined {
  const label = s
    .replace(/每周|周均|每月|月均|每季度|每季|季均|每年|年均/g, "")
    .replace(/^\s*(其中|并且|以及)/, "")
    .replace(/各\s*$/, "")
    .replace(/[\s:：的]+$/, "")
    .trim();
  return label === "" ? undefined : label;
}

/** A repeated figure ("考核完成率1 考核完成率100%") is one part; the one written with its unit wins. */
function addPart(parts: TargetPart[], p: QuantitativePart): void {
  const i = parts.findIndex(
    (q) => q.kind === "quantitative" && q.label === p.label && q.comparator === p.comparator &&
      q.value === p.value && q.unit === p.unit && q.per === p.per,
  );
  if (i < 0) parts.push(p);
  else if (p.unit !== null && p.text.includes(p.unit)) parts[i] = p;
}

const STANDARDS: readonly (readonly [RegExp, string])[] = [
  [/应(.)尽\1/, "应做尽做"],
  [/按时按量/, "按时按量完成"],
  [/合格/, "验收合格"],
  [/有序|按期开展/, "有序进行"],
  [/打分/, "依实际打分"],
];

function qualitative(text: string): QualitativePart {
  const masked = mask(text);
  if (/XX|ＸＸ|××/i.test(text)) return { kind: "qualitative", text, standard: "待定", placeholder: true };
  const deadline = /(\d{4}年(?:底|末|上半年|\d{1,2}月)?)份?前?完成/.exec(masked)?.[1];
  const standard = STANDARDS.find(([re]) => re.test(masked))?.[1] ?? "完成";
  return { kind: "qualitative", text, standard, ...(deadline ? { deadline } : {}) };
}

/** The unit of the first quantitative part, or null for a qualitative or unitless target. */
export function primaryUnit(t: TypedTarget): string | null {
  for (const p of t.parts) if (p.kind === "quantitative") return p.unit;
  return null;
}

/** Every distinct unit the target names, in order of appearance. */
export function unitsOf(t: TypedTarget): string[] {
  const units = t.parts.flatMap((p) => (p.kind === "quantitative" && p.unit !== null ? [p.unit] : []));
  return [...new Set(units)];
}
