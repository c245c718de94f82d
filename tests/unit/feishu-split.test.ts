// Splitting long replies (issue 10 item 7): every piece within Feishu's limit, nothing lost or
// reordered, sizes counted exactly as JSON.stringify + UTF-8 would. Speed is measured by
// scripts/bench-split.ts (linear growth), not here.
import { describe, expect, it } from "vitest";
import { CARD_LINES_LIMIT_BYTES, chunkLines, jsonStringBytes, splitReply, TEXT_LIMIT_BYTES } from "../../src/platforms/feishu/split.js";

const escapedBytes = (s: string) => Buffer.byteLength(JSON.stringify(s), "utf8");

/** Deterministic mix of ASCII, CJK, emoji (surrogate pairs), quotes, backslashes, control characters. */
function mixed(length: number, seed = 1): string {
  const alphabet = ["a", "调", "解", "😀", '"', "\\", "\t", "\u0001", "é", " ", "\u2028", "\ud800"];
  let x = seed;
  let s = "";
  while (s.length < length) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    s += alphabet[x % alphabet.length];
  }
  return s;
}

describe("feishu split", () => {
  it("counts JSON-escaped UTF-8 bytes exactly like JSON.stringify", () => {
    for (const s of ["", "短", mixed(500, 3), mixed(2000, 7), "\u0000\u001f\u007f", "😀\udc00x"]) {
      expect(jsonStringBytes(s)).toBe(escapedBytes(s));
    }
  });

  it("cuts a 100k-character line into pieces within the text limit whose concatenation is the input", () => {
    const text = mixed(100_000, 11);
    const parts = splitReply({ kind: "text", text });
    expect(parts.length).toBeGreaterThan(1);
    const texts = parts.map((p) => (p.kind === "text" ? p.text : ""));
    for (const t of texts) expect(escapedBytes(t)).toBeLessThanOrEqual(TEXT_LIMIT_BYTES);
    expect(texts.join("")).toBe(text);
  });

  it("keeps lines whole where they fit and never splits a surrogate pair", () => {
    const lines = Array.from({ length: 400 }, (_, i) => mixed(200 + (i % 7) * 300, i));
    const chunks = chunkLines(lines, CARD_LINES_LIMIT_BYTES);
    for (const c of chunks) expect(c.reduce((n, l) => n + escapedBytes(l) + 2, 0)).toBeLessThanOrEqual(CARD_LINES_LIMIT_BYTES);
    expect(chunks.flat()).toEqual(lines);
    const emoji = "😀".repeat(20_000);
    const cut = chunkLines([emoji], 1000).flat();
    expect(cut.join("")).toBe(emoji);
    for (const piece of cut) expect(piece.length % 2).toBe(0);
  });

  it("splits a long card into continued cards, buttons on the last", () => {
    const card = splitReply({ kind: "card", card: { title: "T", tone: "info", lines: [mixed(70_000, 5)], buttons: [{ label: "b", value: { action: "a", token: "t" } }] } });
    expect(card.length).toBeGreaterThan(2);
    const lines = card.flatMap((c) => (c.kind === "card" ? c.card.lines : []));
    expect(lines.join("")).toBe(mixed(70_000, 5));
    expect(card.at(-1)).toMatchObject({ card: { buttons: [{ label: "b" }] } });
  });
});
