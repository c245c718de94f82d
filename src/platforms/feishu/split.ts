// Long replies are cut into several messages under Feishu's size limits: a text message's request
// body ≤ 150 KB, a card ≤ 30 KB (else code 230025). Cuts fall between lines where possible, with a
// margin for the JSON around the content.
// Sizes are counted, never re-serialised: each character's JSON-escaped UTF-8 size is added once,
// so cutting is linear in the text length (re-stringifying the growing chunk per character was
// O(n²): 64k characters stalled the event loop for > 30 s — issue 10 item 7).
import type { Card, Reply } from "../../conversation/types.js";

export const TEXT_LIMIT_BYTES = 140 * 1024;
export const CARD_LINES_LIMIT_BYTES = 26 * 1024;

/** The quotes JSON.stringify puts around a string, and the "\n" joining it to the next line. */
const QUOTES = 2;
const JOIN = 2;

/** Bytes one code point takes inside a JSON string (UTF-8), as JSON.stringify escapes it. */
export function jsonCharBytes(cp: number): number {
  if (cp === 0x22 || cp === 0x5c || cp === 0x08 || cp === 0x0c || cp === 0x0a || cp === 0x0d || cp === 0x09) return 2; // \" \\ \b \f \n \r \t
  if (cp < 0x20) return 6; // \u00XX
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp >= 0xd800 && cp <= 0xdfff) return 6; // a lone surrogate: JSON.stringify writes \udXXX
  if (cp < 0x10000) return 3;
  return 4;
}

/** JSON-escaped UTF-8 size of `s` including its quotes, in one pass. */
export function jsonStringBytes(s: string): number {
  let n = QUOTES;
  for (const ch of s) n += jsonCharBytes(ch.codePointAt(0)!);
  return n;
}

/** Groups lines into chunks whose JSON-escaped size stays under `maxBytes`; over-long lines are cut. */
export function chunkLines(lines: string[], maxBytes: number): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const whole of lines) {
    for (const line of cutLine(whole, maxBytes)) {
      const lineSize = jsonStringBytes(line) + JOIN;
      if (current.length && size + lineSize > maxBytes) {
        chunks.push(current);
        current = [];
        size = 0;
      }
      current.push(line);
      size += lineSize;
    }
  }
  if (current.length || chunks.length === 0) chunks.push(current);
  return chunks;
}

/** Cuts one line into pieces of at most `maxBytes` (escaped, with quotes and join), never inside a code point. */
function cutLine(line: string, maxBytes: number): string[] {
  const budget = maxBytes - QUOTES - JOIN;
  const parts: string[] = [];
  let start = 0;
  let size = 0;
  let i = 0;
  for (const ch of line) {
    const b = jsonCharBytes(ch.codePointAt(0)!);
    if (size + b > budget && i > start) {
      parts.push(line.slice(start, i));
      start = i;
      size = 0;
    }
    size += b;
    i += ch.length;
  }
  if (start < line.length || parts.length === 0) parts.push(line.slice(start));
  return parts;
}

/** One Reply → the Replies Feishu will accept; buttons, form and footer stay on the last card. */
export function splitReply(reply: Reply): Reply[] {
  if (reply.kind === "text") {
    return chunkLines(reply.text.split("\n"), TEXT_LIMIT_BYTES).map((c) => ({ kind: "text", text: c.join("\n") }));
  }
  const chunks = chunkLines(reply.card.lines, CARD_LINES_LIMIT_BYTES);
  return chunks.map((lines, i): Reply => {
    const last = i === chunks.length - 1;
    const card: Card = {
      title: i === 0 ? reply.card.title : `${reply.card.title}（续 ${i + 1}/${chunks.length}）`,
      tone: reply.card.tone,
      lines,
      ...(last && reply.card.buttons ? { buttons: reply.card.buttons } : {}),
      ...(last && reply.card.footer ? { footer: reply.card.footer } : {}),
      ...(last && reply.card.form ? { form: reply.card.form } : {}),
    };
    return { kind: "card", card };
  });
}
