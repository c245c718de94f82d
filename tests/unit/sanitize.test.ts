// Inbound messages cleaned at the edge (issue 10 item 8): what PostgreSQL's text/jsonb cannot hold
// is removed, the text is capped, impossible platform times are not believed.
import { describe, expect, it } from "vitest";
import { cleanText, isTextTooLong, MAX_INBOUND_TEXT_CHARS, plausibleTime, sanitiseIncoming } from "../../src/conversation/sanitize.js";
import type { IncomingMessage } from "../../src/conversation/types.js";

const now = new Date("2026-11-30T12:00:00Z");
// replyContext: any extra platform data rides along and is cleaned too (cleanValue is recursive).
type Extra = IncomingMessage & { replyContext?: unknown };
const msg = (over: Partial<Extra>): IncomingMessage => ({
  platform: "dingtalk", messageId: "m1", externalUserId: "u1", chatId: "c1", chatType: "p2p", text: "你好", mentioned: false, receivedAt: now, replyTo: {}, ...over,
});

describe("sanitiseIncoming", () => {
  it("removes NUL and lone surrogates everywhere, keeps surrogate pairs", () => {
    expect(cleanText("a\u0000b\ud800c\udfffd😀")).toBe("abcd😀");
    const m = sanitiseIncoming(msg({ text: "调解\u0000成功率\ud800", chatId: "c\u0000", replyContext: { sessionWebhook: "https://x/\u0000", n: Number.NaN, deep: ["\udc00ok"] } }), now)! as Extra;
    expect(m.text).toBe("调解成功率");
    expect(m.chatId).toBe("c");
    expect(m.replyContext).toEqual({ sessionWebhook: "https://x/", deep: ["ok"] });
    expect(() => JSON.stringify(m)).not.toThrow();
    expect(JSON.stringify(m)).not.toMatch(/\\u0000|\\ud8/);
  });

  it("bounds receivedAt: 1e20, negative, NaN and far-future times become now", () => {
    for (const t of [1e20, -1e20, Number.NaN, now.getTime() + 3 * 86_400_000, now.getTime() - 2 * 366 * 86_400_000]) {
      expect(sanitiseIncoming(msg({ receivedAt: new Date(t) }), now)!.receivedAt).toEqual(now);
    }
    const earlier = new Date(now.getTime() - 60_000);
    expect(sanitiseIncoming(msg({ receivedAt: earlier }), now)!.receivedAt).toEqual(earlier);
    expect(plausibleTime("1e20", now)).toBeUndefined();
  });

  it("caps the text one past the limit (the bot refuses it), and refuses messages whose ids clean to nothing", () => {
    const long = sanitiseIncoming(msg({ text: "调".repeat(100_000) }), now)!;
    expect(long.text).toHaveLength(MAX_INBOUND_TEXT_CHARS + 1);
    expect(isTextTooLong(long.text)).toBe(true);
    expect(isTextTooLong("调".repeat(MAX_INBOUND_TEXT_CHARS))).toBe(false);
    expect(sanitiseIncoming(msg({ messageId: "\u0000" }), now)).toBeNull();
    expect(sanitiseIncoming(msg({ externalUserId: "\ud800" }), now)).toBeNull();
  });

  it("is idempotent", () => {
    const once = sanitiseIncoming(msg({ text: "a\u0000".repeat(3000), receivedAt: new Date(1e20) }), now)!;
    expect(sanitiseIncoming(once, now)).toEqual(once);
  });
});
