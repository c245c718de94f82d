/**
 * Waits while `busy()` holds, polling every `stepMs`, for at most `maxMs`. Background work (a turn, an
 * outbox tick) calls it before it starts so the webhook door goes first (src/inbound/admission.ts:
 * a platform's 200 waits on the door's insert). Resolves either way; the caller then proceeds.
 */
export async function giveWay(busy: () => boolean, maxMs: number, stepMs = 20): Promise<void> {
  const since = performance.now();
  while (performance.now() - since < maxMs && busy()) await new Promise((r) => setTimeout(r, stepMs));
}
