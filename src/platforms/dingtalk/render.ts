// Reply → DingTalk markdown messages. DingTalk robots have no buttons we can wire back for plain
// messages, so a card becomes markdown whose footer asks for a typed answer ("回复「确认」或「取消」");
// the core understands the typed 确认 / 取消.
// Protocol facts [doc]: markdown messages are `{title, text}`; `title` is what the notification
// and the chat list show; a line break needs a blank line (or two trailing spaces); `**bold**` and
// `####` headings render; the text may be at most 20,000 bytes, so long replies are split.
import type { Card, Reply } from "../../conversation/types.js";

export const MAX_MARKDOWN_BYTES = 20_000;
const TITLE_CHARS = 24;

export interface Markdown {
  title: string;
  text: string;
}

const toneMark: Record<Card["tone"], string> = { info: "", success: "✅ ", warning: "⚠️ ", danger: "❗ " };

export function cardFooter(card: Card): string | undefined {
  if (card.footer) return card.footer;
  if (card.buttons?.length) return `回复${card.buttons.map((b) => `「${b.label}」`).join("或")}`;
  return undefined;
}

function cardToMarkdown(card: Card): Markdown {
  const footer = cardFooter(card);
  const blocks = [`#### ${toneMark[card.tone]}${card.title}`, ...card.lines, ...(footer ? ["---", footer] : [])];
  return { title: card.title, text: blocks.join("\n\n") };
}

function textTitle(text: string): string {
  const first = (text.split("\n").find((l) => l.trim()) ?? "绩效助手").trim().replace(/[*#>`]/g, "");
  return [...first].length > TITLE_CHARS ? `${[...first].slice(0, TITLE_CHARS).join("")}…` : first;
}

/** One or more markdown messages, each within MAX_MARKDOWN_BYTES. */
export function renderReply(reply: Reply, maxBytes = MAX_MARKDOWN_BYTES): Markdown[] {
  const md =
    reply.kind === "card"
      ? cardToMarkdown(reply.card)
      : { title: textTitle(reply.text), text: reply.text.replace(/\n/g, "\n\n").replace(/\n{3,}/g, "\n\n") };
  const parts = splitByBytes(md.text, maxBytes);
  if (parts.length === 1) return [md];
  return parts.map((text, i) => ({ title: `${md.title}（${i + 1}/${parts.length}）`, text }));
}

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

/** Splits at paragraph breaks where possible, inside a paragraph by code points when it must. */
export function splitByBytes(text: string, maxBytes: number): string[] {
  if (bytes(text) <= maxBytes) return [text];
  const pieces: string[] = [];
  for (const para of text.split("\n\n")) {
    if (bytes(para) <= maxBytes) pieces.push(para);
    else pieces.push(...hardSplit(para, maxBytes));
  }
  const out: string[] = [];
  let current = "";
  for (const piece of pieces) {
    const joined = current ? `${current}\n\n${piece}` : piece;
    if (bytes(joined) <= maxBytes) current = joined;
    else {
      if (current) out.push(current);
      current = piece;
    }
  }
  if (current) out.push(current);
  return out;
}

function hardSplit(s: string, maxBytes: number): string[] {
  const out: string[] = [];
  let current = "";
  let size = 0;
  for (const ch of s) {
    const n = bytes(ch);
    if (size + n > maxBytes) {
      out.push(current);
      current = "";
      size = 0;
    }
    current += ch;
    size += n;
  }
  if (current) out.push(current);
  return out;
}
