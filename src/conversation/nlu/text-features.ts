// Character and toneless-pinyin features of short Chinese texts, for fuzzy indicator matching.
// A text is split into segments at punctuation and at "|" (where the caller removed words), so
// bigrams never join characters that were not next to each other.
import { pinyin } from "pinyin-pro";
import { normaliseNumberText } from "../../domain/numerals.js";

/**
 * Invisible characters gone, full-width ASCII → half-width, decimal points typed as 。/点 between
 * digits made "." (domain/numerals.ts normaliseNumberText), lower case, trimmed.
 */
export function normaliseMessageText(s: string): string {
  return normaliseNumberText(s).toLowerCase().trim();
}

const SPLIT = /[^\p{Script=Han}a-z]+/u;

export function segments(s: string): string[] {
  return normaliseMessageText(s).split(SPLIT).filter(Boolean);
}

/** Tokens of one kind: bigrams ("调解"), plus unigrams prefixed with "1:" (weighted lower). */
function gramsOf(units: string[], out: Set<string>, prefix: string): void {
  for (let i = 0; i < units.length; i++) {
    out.add(`${prefix}1:${units[i]}`);
    if (i + 1 < units.length) out.add(`${prefix}${units[i]} ${units[i + 1]}`);
  }
}

/** Char and pinyin tokens of a text. Char tokens start with "c", pinyin tokens with "p". */
export function textTokens(s: string): { chars: Set<string>; pinyin: Set<string> } {
  const chars = new Set<string>();
  const py = new Set<string>();
  for (const seg of segments(s)) {
    const cs = [...seg];
    gramsOf(cs, chars, "c");
    gramsOf(pinyin(seg, { toneType: "none", type: "array", v: true }), py, "p");
  }
  return { chars, pinyin: py };
}

export function isUnigram(token: string): boolean {
  return token[1] === "1" && token[2] === ":";
}
