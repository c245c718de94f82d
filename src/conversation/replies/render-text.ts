// Plain-text rendering of a Reply for the CLI and the local chat (and channels without cards).
import type { Card, Reply } from "../types.js";

export function renderCardText(card: Card): string {
  const out = [`【${card.title}】`, ...card.lines.map((l) => l.replace(/\*\*/g, ""))];
  if (card.buttons?.length) out.push(card.buttons.map((b) => `[${b.label}]`).join(" "));
  if (card.footer) out.push(card.footer);
  return out.join("\n");
}

export function renderText(reply: Reply): string {
  return reply.kind === "text" ? reply.text : renderCardText(reply.card);
}

export function renderAll(replies: Reply[]): string {
  return replies.map(renderText).join("\n\n");
}
