// Long replies are cut into several messages under Feishu's size limits: a text message's request
// body ≤ 150 KB, a card ≤ 30 KB (else code 230025). Cuts fall between lines where possible, with a
// margin for the JSON around the content.
import type { Card, Reply } from "../../conversation/types.js";

export const TEXT_LIMIT_BYTES = 140 * 1024;
export const CARD_LINES_LIMIT_BYTES = 26 * 1024;

const bytes = (s: string) => Buffer.byteLength(JSON.stringify(s), "utf8");

/** Groups lines into chunks whose JSON-escaped size stays under `maxBytes`; over-long lines are cut. */
export function chunkLines(lines: string[], maxBytes: number): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const whole of lines) {
    for (const line of cutLine(whole, maxBytes)) {
      const lineSize = bytes(line) + 2;
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

function cutLine(line: string, maxBytes: number): string[] {
  if (bytes(line) + 2 <= maxBytes) return [line];
  const parts: string[] = [];
  let part = "";
  for (const ch of line) {
    if (bytes(part + ch) + 2 > maxBytes) {
      parts.push(part);
      part = "";
    }
    part += ch;
  }
  return part ? [...parts, part] : parts;
}

/** One Reply → the Replies Feishu will accept; buttons and footer stay on the last card. */
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
    };
    return { kind: "card", card };
  });
}
