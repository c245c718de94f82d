// Our platform-neutral Card → a Feishu interactive card (message card JSON, msg_type "interactive").
// Header colour by tone; body lines as one markdown element (**bold** works as is); buttons carry
// our {action, token} as `value`, which comes back in card.action.trigger's `action.value`.
// `update_multi` makes a later PATCH (outcome shown, buttons gone) visible to everyone in the chat.
import type { Card, Tone } from "../../conversation/types.js";
import { renderFormCard } from "./form-card.js";

const TEMPLATE: Record<Tone, string> = { info: "blue", success: "green", warning: "orange", danger: "red" };

/** Feishu markdown reads <at>, <font>… tags: keep user-supplied text from becoming markup. */
function escapeMarkdown(line: string): string {
  return line.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** `image`: an uploaded chart (im/v1/images image_key) shown under the text as an img element. */
export function renderCard(card: Card, image?: { key: string; alt: string } | null): Record<string, unknown> {
  if (card.form) return renderFormCard({ ...card, form: card.form }); // inputs need card JSON 2.0
  const elements: Record<string, unknown>[] = [];
  if (card.lines.length) elements.push({ tag: "markdown", content: card.lines.map(escapeMarkdown).join("\n") });
  if (image) elements.push({ tag: "img", img_key: image.key, alt: { tag: "plain_text", content: image.alt } });
  if (card.buttons?.length) {
    elements.push({
      tag: "action",
      actions: card.buttons.map((b) => ({
        tag: "button",
        text: { tag: "plain_text", content: b.label },
        type: b.style ?? "default",
        value: b.value,
      })),
    });
  }
  if (card.footer) elements.push({ tag: "note", elements: [{ tag: "plain_text", content: card.footer }] });
  return {
    config: { wide_screen_mode: true, update_multi: true },
    header: { title: { tag: "plain_text", content: card.title }, template: TEMPLATE[card.tone] },
    elements,
  };
}
