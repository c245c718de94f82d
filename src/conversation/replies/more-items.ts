// A report message carrying several items ("普法动态十月份15篇，十一月份10篇"): the card handles the
// first; this line names the others, so that nothing the user wrote is dropped silently.
import type { ExtraItem } from "../nlu/types.js";

/** `confirming`: the first item is waiting for 确认 (else it was refused, or already recorded). */
export function moreItemsText(items: Pick<ExtraItem, "text" | "standalone">[], confirming: boolean): string {
  const quoted = items.map((i) => `“${i.text}”`).join("");
  const next = confirming ? "请确认本条后再" : "请";
  const what = items.length === 1 ? "该项" : "其余各项（每条消息一项）";
  const rewritten = items.find((i) => i.standalone !== i.text);
  const example = rewritten ? `，例如“${rewritten.standalone}”` : "";
  return `您的消息中还有${quoted}，本次只处理第一项。${next}单独发送${what}${example}。`;
}
