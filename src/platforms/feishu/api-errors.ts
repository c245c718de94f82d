// How Feishu Open API failures map onto the outbox's retry decisions.
// Errors arrive two ways: HTTP 200 with `code != 0` in the body, or a non-2xx HTTP status (the
// SDK's axios instance throws; status, headers and body are on `err.response`).
//   99991400  over the rate limit (HTTP 429 or 400), `x-ogw-ratelimit-reset` = seconds to wait
//   230020    the chat/user is receiving too fast
//   99991663  tenant_access_token invalid; 99991677 expired — drop the cached token, retry
//   5xx, timeouts, refused connections — retry with backoff
//   anything else with code != 0 (no permission, bad receiver, 230025 card too large) — permanent
import { PermanentError, RetryableError } from "../../outbox/index.js";

export const RATE_LIMIT_CODES = new Set([99991400, 230020]);
export const TOKEN_INVALID_CODES = new Set([99991663, 99991677]);

/** A token the platform refused: the caller clears its cache and tries once more. */
export class TokenInvalidError extends RetryableError {}

interface ApiBody {
  code?: number;
  msg?: string;
}

export function checkBody(body: ApiBody | undefined, what: string): void {
  const code = body?.code;
  if (code === 0) return;
  throw errorForCode(code, `${what}: code ${String(code)} ${body?.msg ?? ""}`.trim());
}

function errorForCode(code: number | undefined, message: string, retryAfterMs?: number): Error {
  if (code !== undefined && RATE_LIMIT_CODES.has(code)) return new RetryableError(message, retryAfterMs);
  if (code !== undefined && TOKEN_INVALID_CODES.has(code)) return new TokenInvalidError(message);
  return new PermanentError(message);
}

/** Turns whatever the SDK threw into a RetryableError or PermanentError. */
export function classifyThrown(err: unknown, what: string): Error {
  if (err instanceof RetryableError || err instanceof PermanentError) return err;
  const e = err as {
    message?: string;
    response?: { status?: number; headers?: Record<string, unknown>; data?: ApiBody };
  };
  const res = e.response;
  if (!res) return new RetryableError(`${what}: ${e.message ?? String(err)}`); // network, timeout
  const status = res.status ?? 0;
  const reset = Number(res.headers?.["x-ogw-ratelimit-reset"]);
  const retryAfterMs = Number.isFinite(reset) && reset >= 0 ? reset * 1000 : undefined;
  const message = `${what}: HTTP ${status} code ${String(res.data?.code)} ${res.data?.msg ?? ""}`.trim();
  if (status === 429) return new RetryableError(message, retryAfterMs);
  if (status >= 500) return new RetryableError(message);
  if (res.data?.code !== undefined) return errorForCode(res.data.code, message, retryAfterMs);
  return new PermanentError(message);
}
