// A chat reply's chart as an uploaded image (issue 14 item 2), for the senders of the messengers
// that show images. Drawn at send time (the outbox worker, outside any turn), off the event loop.
// Uploaded once per outbox row: the platform's key is saved in the row's progress, so a retried
// send reuses it. Any failure — a spec that does not render, an upload refused or timed out — gives
// null and the reply goes out as text: a chart never fails a reply.
import type { Reply } from "../conversation/types.js";
import type { Json, SendContext } from "../outbox/types.js";
import { renderChartPng, type ChartDefinition } from "./render.js";

export interface ChartImage {
  /** The platform's id of the uploaded image (Feishu image_key, DingTalk media_id). */
  key: string;
  alt: string;
}

function isDefinition(x: unknown): x is ChartDefinition {
  const d = x as ChartDefinition;
  return Boolean(d) && typeof d.width === "number" && typeof d.height === "number" && typeof d.option === "object" && d.width > 0 && d.width <= 2000 && d.height > 0 && d.height <= 2000;
}

/**
 * The uploaded chart of `reply`, or null (no chart, or it could not be drawn or uploaded).
 * `upload` sends PNG bytes and resolves to the platform's key; `onError` hears why a chart was dropped.
 */
export async function uploadedChart(
  reply: Reply,
  upload: (png: Buffer) => Promise<string>,
  ctx: SendContext | undefined,
  onError: (err: unknown) => void = () => {},
): Promise<ChartImage | null> {
  if (reply.kind !== "card" || !reply.card.chart) return null;
  const { alt, spec } = reply.card.chart;
  const saved = (ctx?.progress as { chartKey?: unknown } | null)?.chartKey;
  if (typeof saved === "string" && saved) return { key: saved, alt };
  if (!isDefinition(spec)) return null;
  try {
    const key = await upload(await renderChartPng(spec));
    if (!key) return null;
    await ctx?.saveProgress({ ...((ctx.progress as Record<string, Json> | null) ?? {}), chartKey: key });
    return { key, alt };
  } catch (err) {
    onError(err);
    return null;
  }
}
