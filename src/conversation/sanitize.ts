// Inbound messages cleaned at the edge, before anything stores or parses them (issue 10 item 8):
// - NUL and lone UTF-16 surrogates are removed from every string: PostgreSQL text and jsonb cannot
//   hold U+0000 ("unsupported Unicode escape sequence"), nor a surrogate escape without its pair,
//   so a signed message containing one failed its insert and was answered 503 until dropped.
// - The text is capped: anything longer than MAX_INBOUND_TEXT_CHARS is kept only up to one
//   character past the cap (bounded storage) and answered with TEXT_TOO_LONG before any parsing.
// - receivedAt must be a real time near now: platforms send their own clocks (DingTalk createAt,
//   Feishu create_time) and `new Date(1e20)` is an Invalid Date whose toISOString() throws.
// Called once per message: by the inbound pipeline (every messenger) and by localMessage (web chat,
// CLI); the text cap is enforced by bot.handle, the one place every channel goes through.
// Part of the conversation contract (types.ts): the edges and the inbound pipeline share it.
import type { IncomingMessage } from "./types.js";

/** The one cap on inbound text, in UTF-16 code units (a Chinese character is one), for every channel. */
export const MAX_INBOUND_TEXT_CHARS = 4000;

/** The polite answer to an over-long message. */
export const TEXT_TOO_LONG = `您的消息太长了（超过 ${MAX_INBOUND_TEXT_CHARS} 字），我没有处理。请分几条发送，每条说一项指标的进展即可，例如“本月调解成功率99.2%”。`;

/** Platform timestamps outside [now − 1 year, now + 1 day] are not believed (receivedAt becomes now). */
const PAST_MS = 366 * 24 * 3600_000;
const FUTURE_MS = 24 * 3600_000;

const UNSAFE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `s` without NUL characters and lone surrogates. */
export function cleanText(s: string): string {
  return s.replace(UNSAFE, "");
}

/** True when the text is over the cap and must be answered with TEXT_TOO_LONG. */
export function isTextTooLong(text: string): boolean {
  return text.length > MAX_INBOUND_TEXT_CHARS;
}

/** A platform time (ms since epoch) when it is a plausible "now", else undefined. */
export function plausibleTime(ms: unknown, now: Date): Date | undefined {
  if (typeof ms !== "number" || !Number.isFinite(ms)) return undefined;
  const delta = ms - now.getTime();
  return delta >= -PAST_MS && delta <= FUTURE_MS ? new Date(ms) : undefined;
}

/**
 * The message with every string cleaned, the text capped and receivedAt bounded; null when an id
 * the platform must give (message id, sender) is empty once cleaned (nothing to de-duplicate on or
 * answer to). Idempotent.
 */
export function sanitiseIncoming(msg: IncomingMessage, now: Date): IncomingMessage | null {
  const messageId = cleanText(String(msg.messageId ?? ""));
  const externalUserId = cleanText(String(msg.externalUserId ?? ""));
  if (!messageId || !externalUserId) return null;
  let text = cleanText(String(msg.text ?? ""));
  if (isTextTooLong(text)) text = text.slice(0, MAX_INBOUND_TEXT_CHARS + 1);
  const received = msg.receivedAt instanceof Date ? msg.receivedAt.getTime() : Number.NaN;
  // Every other field too (unreadable kinds, reply context, names): whatever a platform sent may
  // carry NUL or a lone surrogate, and one such string fails the jsonb insert for good.
  const { receivedAt: _receivedAt, ...rest } = msg;
  return {
    ...(cleanValue(rest) as Omit<IncomingMessage, "receivedAt">),
    messageId,
    externalUserId,
    chatId: cleanText(String(msg.chatId ?? "")),
    text,
    receivedAt: plausibleTime(received, now) ?? now,
  };
}

/** Strings cleaned, non-finite numbers dropped, recursively (replyTo is opaque platform data). */
function cleanValue(v: unknown): unknown {
  if (typeof v === "string") return cleanText(v);
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (Array.isArray(v)) return v.map(cleanValue);
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [cleanText(k), cleanValue(x)]).filter(([, x]) => x !== undefined));
  }
  return v;
}
