// Exponential backoff with "full jitter" (AWS architecture blog): the wait before attempt n+1 is
// uniform in [base·2^(n-1) / 2, base·2^(n-1)], capped at maxMs (5 min by default, so a row keeps
// being tried every few minutes for the whole retry horizon), so a burst of failures spreads out
// instead of retrying in lock-step. A platform's own retry-after wins when it is longer.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, maxMs: 5 * 60_000 };

/** Delay after the `attempts`-th failed attempt (1-based). `random` in [0, 1). */
export function backoffDelay(
  attempts: number,
  policy: BackoffPolicy = defaultBackoff,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(40, Math.max(0, attempts - 1)));
  const jittered = exp / 2 + (exp / 2) * random();
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
