// What a messenger's answer to a send means for the outbox — the shape of each platform's table of
// documented answers (feishu/api-errors.ts FEISHU_SEND_ANSWERS, dingtalk/api-errors.ts
// DINGTALK_SEND_ANSWERS; policy: docs/delivery.md).

/** Try again later; fetch a new access token and try once more; or give up (the row fails). */
export type SendAnswerAction = "retry" | "refresh-token" | "permanent";

/**
 * One documented answer: an HTTP status and/or the platform's error code (Feishu: the body's numeric
 * `code`; DingTalk: the body's `code`/`errcode` string or a batchSend list name), what it means and
 * where that is written.
 */
export interface SendAnswerRule<Code extends number | string> {
  /** The platform's error code; undefined = any code with this HTTP status. */
  code?: Code;
  /** HTTP status; undefined = any. `5xx` matches 500–599. */
  http?: number | "5xx";
  action: SendAnswerAction;
  /** Wait at least this long before retrying when the answer names no reset time. */
  retryAfterS?: number;
  meaning: string;
  /** The documentation it comes from (keys of the table's source list). */
  source: string;
}
