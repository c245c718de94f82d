// The few DingTalk HTTP calls the bot makes. Failures are thrown as DingTalkApiError carrying
// what to do (src/platforms/dingtalk/api-errors.ts, one row per documented answer); the outbox
// sender maps them onto RetryableError / PermanentError / OutcomeUnknownError.
// Protocol facts [doc]:
// - Token: POST {api}/v1.0/oauth2/accessToken {appKey, appSecret} → {accessToken, expireIn: 7200 s}.
//   Calls carry it in the `x-acs-dingtalk-access-token` header; a revoked token answers HTTP 400
//   {code: "InvalidAuthentication"}: the cached token is dropped and the call tried once more.
// - Proactive 1:1: POST {api}/v1.0/robot/oToMessages/batchSend {robotCode, userIds ≤ 20, msgKey,
//   msgParam: JSON string} → HTTP 200 {processQueryKey, invalidStaffIdList, flowControlledStaffIdList}
//   even when throttled, so the lists must be checked.
// - Proactive to a group: POST {api}/v1.0/robot/groupMessages/send {robotCode, openConversationId,
//   msgKey, msgParam: JSON string} → HTTP 200 {processQueryKey}; the robot must be in that group.
// - Read status of a 1:1 send (批量查询人与机器人会话机器人消息是否已读, BatchOTOQuery in
//   aliyun/dingtalk-sdk robot_1_0): GET {api}/v1.0/robot/oToMessages/readStatus?robotCode&processQueryKey
//   → {sendStatus ("SUCCESS" is the only success), messageReadInfoList[{userId, readStatus}]}.
// - sessionWebhook: POST {msgtype:"markdown", markdown:{title, text}} (no token) → {errcode:0}.
// - User detail (根据userid获取用户详情, https://open.dingtalk.com/document/orgapp/query-user-details):
//   POST {oapi}/topapi/v2/user/get?access_token=… {userid, language:"zh_CN"} → {errcode: 0, errmsg,
//   result: {userid, name, dept_id_list: number[], …}}; errcode 60121 = no such user. The token of
//   /v1.0/oauth2/accessToken is accepted there too. Permission 通讯录个人信息读权限 (qyapi_get_member).
// No call takes an idempotency key: an answer lost after the request left is "unknown".
import type { Clock } from "../../clock.js";
import { dingtalkAnswerRule } from "./api-errors.js";
import type { SendAnswerAction } from "../send-answers.js";
import type { Markdown } from "./render.js";

export const DEFAULT_API_BASE = "https://api.dingtalk.com";
/** The older "oapi" host of the topapi calls (a configured DINGTALK_API_BASE serves both: tests' fake). */
export const DEFAULT_OAPI_BASE = "https://oapi.dingtalk.com";
export const MAX_BATCH_USERS = 20;
const TIMEOUT_MS = 10_000;
/** Refresh the token this long before DingTalk says it expires. */
const TOKEN_MARGIN_MS = 5 * 60 * 1000;

/** `unknown`: no answer after the request may have left. */
export type ErrorKind = SendAnswerAction | "unknown";

export class DingTalkApiError extends Error {
  constructor(
    message: string,
    readonly kind: ErrorKind,
    readonly status?: number,
    readonly code?: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "DingTalkApiError";
  }

  get retryable(): boolean {
    return this.kind !== "permanent";
  }
}

/** The error for an answer, by the table in api-errors.ts. */
function answerError(message: string, status: number, code: string | undefined): DingTalkApiError {
  const rule = dingtalkAnswerRule(status, code);
  // Not in the table: a refusal (4xx, or an error code in an HTTP 200 answer) is permanent.
  const kind: SendAnswerAction = rule?.action ?? ((status >= 400 && status < 500) || status === 200 ? "permanent" : "retry");
  return new DingTalkApiError(rule ? `${message} (${rule.meaning})` : message, kind, status, code, rule?.retryAfterS ? rule.retryAfterS * 1000 : undefined);
}

export interface DingTalkApiOptions {
  apiBase?: string;
  appKey: string;
  appSecret: string;
  robotCode: string;
  clock: Clock;
}

interface BatchSendResult {
  processQueryKey?: string;
  invalidStaffIdList?: string[];
  flowControlledStaffIdList?: string[];
}

export class DingTalkApi {
  private readonly base: string;
  private readonly oapiBase: string;
  private token?: { value: string; refreshAt: number };
  private pendingToken?: Promise<string>;

  constructor(private readonly opts: DingTalkApiOptions) {
    this.base = (opts.apiBase ?? DEFAULT_API_BASE).replace(/\/+$/, "");
    this.oapiBase = opts.apiBase ? this.base : DEFAULT_OAPI_BASE;
  }

  async accessToken(): Promise<string> {
    const now = this.opts.clock.now().getTime();
    if (this.token && now < this.token.refreshAt) return this.token.value;
    // One request at a time: concurrent sends share the same refresh.
    this.pendingToken ??= this.fetchToken().finally(() => (this.pendingToken = undefined));
    return this.pendingToken;
  }

  private async fetchToken(): Promise<string> {
    const body = await postJson(`${this.base}/v1.0/oauth2/accessToken`, {
      appKey: this.opts.appKey,
      appSecret: this.opts.appSecret,
    });
    const { accessToken, expireIn } = body as { accessToken?: string; expireIn?: number };
    if (!accessToken) throw new DingTalkApiError("accessToken missing in the answer", "retry");
    const ttlMs = (expireIn ?? 7200) * 1000;
    this.token = { value: accessToken, refreshAt: this.opts.clock.now().getTime() + Math.max(ttlMs - TOKEN_MARGIN_MS, ttlMs / 2) };
    return accessToken;
  }

  /**
   * Runs a call with the cached token; when DingTalk refuses the token (400 InvalidAuthentication,
   * 401) drops it, fetches a new one and tries once more.
   */
  private async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.accessToken();
    try {
      return await call(token);
    } catch (err) {
      if (!(err instanceof DingTalkApiError) || err.kind !== "refresh-token") throw err;
      if (this.token?.value === token) this.token = undefined;
      const fresh = await this.accessToken();
      try {
        return await call(fresh);
      } catch (again) {
        // Refused twice: not this token's fault alone; the outbox retries later.
        if (again instanceof DingTalkApiError && again.kind === "refresh-token") {
          if (this.token?.value === fresh) this.token = undefined;
          throw new DingTalkApiError(again.message, "retry", again.status, again.code);
        }
        throw again;
      }
    }
  }

  /** A staff member's name and department ids (topapi/v2/user/get). */
  async userDetail(userId: string): Promise<{ name?: string; deptIds: string[] }> {
    const body = await this.withToken((token) =>
      postJson(`${this.oapiBase}/topapi/v2/user/get?access_token=${encodeURIComponent(token)}`, { userid: userId, language: "zh_CN" }),
    );
    const { errcode, errmsg, result } = body as { errcode?: number; errmsg?: string; result?: { name?: string; dept_id_list?: unknown[] } };
    // errcode -1 = 系统繁忙 (try later); anything else (60121 no such user, no permission) is final.
    if (errcode !== 0) throw new DingTalkApiError(`topapi/v2/user/get: errcode ${String(errcode)} ${errmsg ?? ""}`.trim(), errcode === -1 ? "retry" : "permanent");
    return { name: result?.name?.trim() || undefined, deptIds: (result?.dept_id_list ?? []).map(String) };
  }

  /** Sends one sampleMarkdown message to up to 20 staff ids; returns processQueryKey. */
  async batchSendMarkdown(userIds: string[], md: Markdown): Promise<string> {
    if (userIds.length === 0 || userIds.length > MAX_BATCH_USERS) {
      throw new DingTalkApiError(`batchSend takes 1–${MAX_BATCH_USERS} userIds, got ${userIds.length}`, "permanent");
    }
    const result = (await this.withToken((token) =>
      postJson(
        `${this.base}/v1.0/robot/oToMessages/batchSend`,
        { robotCode: this.opts.robotCode, userIds, msgKey: "sampleMarkdown", msgParam: JSON.stringify(md) },
        { "x-acs-dingtalk-access-token": token },
      ),
    )) as BatchSendResult;
    // One staff id per outbox row: a listed id means this row's message was not sent.
    if (result.invalidStaffIdList?.length) {
      throw answerError(`invalid staff ids: ${result.invalidStaffIdList.join(",")}`, 200, "invalidStaffIdList");
    }
    if (result.flowControlledStaffIdList?.length) {
      throw answerError(`flow controlled: ${result.flowControlledStaffIdList.join(",")}`, 200, "flowControlledStaffIdList");
    }
    return result.processQueryKey ?? "";
  }

  /** Sends one sampleMarkdown message to a group chat the robot is in; returns processQueryKey. */
  async groupSendMarkdown(openConversationId: string, md: Markdown): Promise<string> {
    const result = (await this.withToken((token) =>
      postJson(
        `${this.base}/v1.0/robot/groupMessages/send`,
        { robotCode: this.opts.robotCode, openConversationId, msgKey: "sampleMarkdown", msgParam: JSON.stringify(md) },
        { "x-acs-dingtalk-access-token": token },
      ),
    )) as { processQueryKey?: string };
    return result.processQueryKey ?? "";
  }

  /** Whether DingTalk confirms a 1:1 send by its processQueryKey ("SUCCESS" is the only success). */
  async oneToOneDelivered(processQueryKey: string): Promise<boolean> {
    const q = new URLSearchParams({ robotCode: this.opts.robotCode, processQueryKey });
    const body = (await this.withToken((token) =>
      requestJson("GET", `${this.base}/v1.0/robot/oToMessages/readStatus?${q}`, undefined, { "x-acs-dingtalk-access-token": token }),
    )) as { sendStatus?: string };
    return body.sendStatus === "SUCCESS";
  }

  /** Answers in the conversation a message came from (no token needed, valid until it expires). */
  async replyViaSessionWebhook(webhook: string, md: Markdown): Promise<void> {
    const body = (await postJson(webhook, { msgtype: "markdown", markdown: md })) as { errcode?: number; errmsg?: string };
    if (body.errcode !== undefined && body.errcode !== 0) {
      // 130101 = sending too fast; other codes (e.g. an expired session) will not get better.
      throw answerError(`sessionWebhook errcode ${body.errcode}: ${body.errmsg ?? ""}`, 200, String(body.errcode));
    }
  }
}

/** Connection errors where the request certainly did not reach DingTalk. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  return requestJson("POST", url, body, headers);
}

async function requestJson(method: "GET" | "POST", url: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), accept: "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    // Refused before the request went out: safe to retry. Anything else (reset, timeout): the
    // request may have arrived — its outcome is unknown.
    const code = ((err as { cause?: { code?: string } }).cause ?? {}).code;
    const message = `network: ${(err as Error).message}${code ? ` (${code})` : ""}`;
    throw new DingTalkApiError(message, code && NOT_SENT.has(code) ? "retry" : "unknown");
  }
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    throw new DingTalkApiError(`answer cut off: ${(err as Error).message}`, "unknown", res.status);
  }
  let json: unknown = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    if (res.ok) throw new DingTalkApiError(`not JSON: ${text.slice(0, 200)}`, "unknown", res.status);
  }
  if (!res.ok) {
    const { code, message } = json as { code?: string; message?: string };
    throw answerError(`HTTP ${res.status} ${code ?? ""} ${message ?? text.slice(0, 200)}`.trim(), res.status, code);
  }
  return json;
}
