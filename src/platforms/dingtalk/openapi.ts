// The few DingTalk HTTP calls the bot makes. Failures are thrown as DingTalkApiError carrying
// `retryable`; the outbox sender maps them onto its RetryableError / PermanentError.
// Protocol facts [doc]:
// - Token: POST {api}/v1.0/oauth2/accessToken {appKey, appSecret} → {accessToken, expireIn: 7200 s}.
//   Calls carry it in the `x-acs-dingtalk-access-token` header; a stale token answers HTTP 401.
// - Proactive 1:1: POST {api}/v1.0/robot/oToMessages/batchSend {robotCode, userIds ≤ 20, msgKey,
//   msgParam: JSON string} → HTTP 200 {processQueryKey, invalidStaffIdList, flowControlledStaffIdList}
//   even when throttled, so the lists must be checked. Errors: HTTP 4xx/5xx {code, message};
//   403 = the app lacks 企业内机器人发送消息权限 (qyapi_robot_sendmsg).
// - Proactive to a group: POST {api}/v1.0/robot/groupMessages/send {robotCode, openConversationId,
//   msgKey, msgParam: JSON string} → HTTP 200 {processQueryKey}; the robot must be in that group.
// - sessionWebhook: POST {msgtype:"markdown", markdown:{title, text}} (no token) → {errcode:0}.
import type { Clock } from "../../clock.js";
import type { Markdown } from "./render.js";

export const DEFAULT_API_BASE = "https://api.dingtalk.com";
export const MAX_BATCH_USERS = 20;
const TIMEOUT_MS = 10_000;
/** Refresh the token this long before DingTalk says it expires. */
const TOKEN_MARGIN_MS = 5 * 60 * 1000;

export class DingTalkApiError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = "DingTalkApiError";
  }
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
  private token?: { value: string; refreshAt: number };
  private pendingToken?: Promise<string>;

  constructor(private readonly opts: DingTalkApiOptions) {
    this.base = (opts.apiBase ?? DEFAULT_API_BASE).replace(/\/+$/, "");
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
    if (!accessToken) throw new DingTalkApiError("accessToken missing in the answer", true);
    const ttlMs = (expireIn ?? 7200) * 1000;
    this.token = { value: accessToken, refreshAt: this.opts.clock.now().getTime() + Math.max(ttlMs - TOKEN_MARGIN_MS, ttlMs / 2) };
    return accessToken;
  }

  /** Sends one sampleMarkdown message to up to 20 staff ids; returns processQueryKey. */
  async batchSendMarkdown(userIds: string[], md: Markdown): Promise<string> {
    if (userIds.length === 0 || userIds.length > MAX_BATCH_USERS) {
      throw new DingTalkApiError(`batchSend takes 1–${MAX_BATCH_USERS} userIds, got ${userIds.length}`, false);
    }
    const token = await this.accessToken();
    let result: BatchSendResult;
    try {
      result = (await postJson(
        `${this.base}/v1.0/robot/oToMessages/batchSend`,
        { robotCode: this.opts.robotCode, userIds, msgKey: "sampleMarkdown", msgParam: JSON.stringify(md) },
        { "x-acs-dingtalk-access-token": token },
      )) as BatchSendResult;
    } catch (err) {
      if (err instanceof DingTalkApiError && err.status === 401) this.token = undefined;
      throw err;
    }
    if (result.invalidStaffIdList?.length) {
      throw new DingTalkApiError(`invalid staff ids: ${result.invalidStaffIdList.join(",")}`, false, 200, "invalidStaffId");
    }
    if (result.flowControlledStaffIdList?.length) {
      throw new DingTalkApiError(`flow controlled: ${result.flowControlledStaffIdList.join(",")}`, true, 200, "flowControlled");
    }
    return result.processQueryKey ?? "";
  }

  /** Sends one sampleMarkdown message to a group chat the robot is in; returns processQueryKey. */
  async groupSendMarkdown(openConversationId: string, md: Markdown): Promise<string> {
    const token = await this.accessToken();
    let result: { processQueryKey?: string };
    try {
      result = (await postJson(
        `${this.base}/v1.0/robot/groupMessages/send`,
        { robotCode: this.opts.robotCode, openConversationId, msgKey: "sampleMarkdown", msgParam: JSON.stringify(md) },
        { "x-acs-dingtalk-access-token": token },
      )) as { processQueryKey?: string };
    } catch (err) {
      if (err instanceof DingTalkApiError && err.status === 401) this.token = undefined;
      throw err;
    }
    return result.processQueryKey ?? "";
  }

  /** Answers in the conversation a message came from (no token needed, valid until it expires). */
  async replyViaSessionWebhook(webhook: string, md: Markdown): Promise<void> {
    const body = (await postJson(webhook, { msgtype: "markdown", markdown: md })) as { errcode?: number; errmsg?: string };
    if (body.errcode !== undefined && body.errcode !== 0) {
      // 130101 = sending too fast; other codes (e.g. an expired session) will not get better.
      throw new DingTalkApiError(`sessionWebhook errcode ${body.errcode}: ${body.errmsg ?? ""}`, body.errcode === 130101, 200, String(body.errcode));
    }
  }
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new DingTalkApiError(`network: ${(err as Error).message}`, true);
  }
  const text = await res.text();
  let json: unknown = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    if (res.ok) throw new DingTalkApiError(`not JSON: ${text.slice(0, 200)}`, true, res.status);
  }
  if (!res.ok) {
    const { code, message } = json as { code?: string; message?: string };
    const retryable = res.status === 429 || res.status >= 500 || res.status === 401;
    throw new DingTalkApiError(`HTTP ${res.status} ${code ?? ""} ${message ?? text.slice(0, 200)}`.trim(), retryable, res.status, code);
  }
  return json;
}
