// What each Feishu answer to a send means for the outbox — one table, one row per documented
// answer, each with its source. Errors arrive two ways: HTTP 200 with `code != 0` in the body, or a
// non-2xx HTTP status (the SDK's axios instance throws; status, headers and body on `err.response`).
// Sources:
//   [codes]  服务端错误码说明 https://open.larkoffice.com/document/server-docs/api-call-guide/generic-error-code.md
//   [send]   发送消息 (错误码) https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/reference/im-v1/message/create
//   [limits] 频率控制 https://open.feishu.cn/document/ukTMukTMukTM/uUzN04SN3QjL1cDN (429 + x-ogw-ratelimit-reset)
//   [notes]  /work/shared/PLATFORMS.md "Send errors that mean slow down also come as HTTP 400"
import { OutcomeUnknownError, PermanentError, RetryableError } from "../../outbox/index.js";
import type { SendAnswerRule } from "../send-answers.js";

/** A Feishu answer: `code` is the body's numeric code. */
type FeishuAnswer = SendAnswerRule<number>;


export const FEISHU_SEND_ANSWERS: readonly FeishuAnswer[] = [
  { code: 99991400, action: "retry", retryAfterS: 1, meaning: "app over its request rate (HTTP 429 or 400); x-ogw-ratelimit-reset = seconds to wait", source: "[codes] [limits]" },
  { http: 429, action: "retry", retryAfterS: 1, meaning: "rate limited", source: "[limits]" },
  { code: 230020, action: "retry", retryAfterS: 1, meaning: "this chat/user receives too fast (5 QPS per user or chat)", source: "[send] [notes]" },
  { code: 11232, action: "retry", retryAfterS: 5, meaning: "tenant-level send limit (HTTP 400), typical on the hour", source: "[notes] [send]" },
  { code: 99991661, action: "refresh-token", meaning: "access token missing from the request", source: "[codes]" },
  { code: 99991663, action: "refresh-token", meaning: "tenant_access_token invalid", source: "[codes]" },
  { code: 99991677, action: "refresh-token", meaning: "tenant_access_token expired", source: "[codes]" },
  { code: 230002, action: "permanent", meaning: "the bot is not in this chat", source: "[send] [notes]" },
  { code: 230013, action: "permanent", meaning: "the user is outside the app's availability (可用范围)", source: "[send] [notes]" },
  { code: 230025, action: "permanent", meaning: "message too large (card > 30 KB)", source: "[send] [notes]" },
  { http: "5xx", action: "retry", meaning: "Feishu server error", source: "[codes]" },
];

/** A token the platform refused: the caller clears its cache and tries once more. */
export class TokenInvalidError extends RetryableError {}

interface ApiBody {
  code?: number;
  msg?: string;
}

/** The table row for an answer; undefined = not in the table (a code != 0 not listed is permanent). */
function feishuAnswerRule(http: number | undefined, code: number | undefined): FeishuAnswer | undefined {
  const byCode = code === undefined ? undefined : FEISHU_SEND_ANSWERS.find((r) => r.code === code);
  if (byCode) return byCode;
  return FEISHU_SEND_ANSWERS.find(
    (r) => r.code === undefined && (r.http === http || (r.http === "5xx" && http !== undefined && http >= 500 && http < 600)),
  );
}

function errorFor(rule: FeishuAnswer | undefined, message: string, resetMs?: number): Error {
  if (!rule || rule.action === "permanent") return new PermanentError(rule ? `${message} (${rule.meaning})` : message);
  if (rule.action === "refresh-token") return new TokenInvalidError(message);
  return new RetryableError(message, Math.max(resetMs ?? 0, (rule.retryAfterS ?? 0) * 1000) || undefined);
}

export function checkBody(body: ApiBody | undefined, what: string): void {
  const code = body?.code;
  if (code === 0) return;
  throw errorFor(feishuAnswerRule(200, code), `${what}: code ${String(code)} ${body?.msg ?? ""}`.trim());
}

/** Connection errors where the request certainly did not reach Feishu. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** Turns whatever the SDK threw into a RetryableError, OutcomeUnknownError or PermanentError. */
export function classifyThrown(err: unknown, what: string): Error {
  if (err instanceof RetryableError || err instanceof PermanentError) return err;
  const e = err as {
    message?: string;
    code?: string;
    response?: { status?: number; headers?: Record<string, unknown>; data?: ApiBody };
  };
  const res = e.response;
  if (!res) {
    // No answer: refused before sending (retry), or lost after the request left (outcome unknown;
    // Feishu's uuid de-duplication makes the retry safe).
    const text = `${what}: ${e.message ?? String(err)}`;
    return e.code && NOT_SENT.has(e.code) ? new RetryableError(text) : new OutcomeUnknownError(text);
  }
  const status = res.status ?? 0;
  const reset = Number(res.headers?.["x-ogw-ratelimit-reset"]);
  const resetMs = Number.isFinite(reset) && reset >= 0 ? reset * 1000 : undefined;
  const message = `${what}: HTTP ${status} code ${String(res.data?.code)} ${res.data?.msg ?? ""}`.trim();
  return errorFor(feishuAnswerRule(status, res.data?.code), message, resetMs);
}
