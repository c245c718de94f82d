// What each DingTalk answer to a send means — one table, one row per documented answer, with its
// source. api.dingtalk.com answers errors as HTTP 4xx/5xx with a JSON body {code, message};
// oToMessages/batchSend answers HTTP 200 even when it throttles or refuses some users (lists in
// the body); a sessionWebhook answers HTTP 200 {errcode, errmsg}.
// Sources:
//   [errors]  服务端API错误码 https://open.dingtalk.com/document/orgapp/server-api-error-codes-1
//             (linked from developer.aliyun.com/ask/586410)
//   [qps]     调用频率限制: standard edition 20 QPS per app per API, 专业版 40, 专属版 60
//             (developer.aliyun.com/ask/615474); throttling = HTTP 403 Forbidden.AccessDenied.QpsLimit*
//   [batch]   机器人批量发送人与机器人会话消息 (oToMessages/batchSend): {processQueryKey,
//             invalidStaffIdList, flowControlledStaffIdList}
//   [notes]   /work/shared/PLATFORMS.md "Throttling on api.dingtalk.com is HTTP 403 …; a revoked token
//             answers HTTP 400 InvalidAuthentication (fetch a new token, retry once)"
import type { SendAnswerRule } from "../send-answers.js";

/** A DingTalk answer: `code` is the body's `code` (api.dingtalk.com), `errcode` (sessionWebhook) or a batchSend list name. */
type DingTalkAnswer = SendAnswerRule<string>;

export const DINGTALK_SEND_ANSWERS: readonly DingTalkAnswer[] = [
  { http: 429, action: "retry", retryAfterS: 1, meaning: "too many requests", source: "[errors]" },
  { http: 403, code: "Forbidden.AccessDenied.QpsLimitForApi", action: "retry", retryAfterS: 1, meaning: "over the app's QPS for this API", source: "[qps] [notes]" },
  { http: 403, code: "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi", action: "retry", retryAfterS: 1, meaning: "over the QPS for this app key and API", source: "[qps] [notes]" },
  { http: 403, code: "Forbidden.AccessDenied.AccessTokenPermissionDenied", action: "permanent", meaning: "the app lacks the permission (企业内机器人发送消息权限)", source: "[errors] [notes]" },
  { http: 400, code: "InvalidAuthentication", action: "refresh-token", meaning: "access token revoked or invalid: drop it, fetch a new one, retry once", source: "[errors] [notes]" },
  { http: 401, action: "refresh-token", meaning: "access token not accepted", source: "[errors]" },
  { http: "5xx", action: "retry", meaning: "DingTalk server error", source: "[errors]" },
  { http: 200, code: "flowControlledStaffIdList", action: "retry", retryAfterS: 1, meaning: "batchSend: these users were throttled, not sent", source: "[batch]" },
  { http: 200, code: "invalidStaffIdList", action: "permanent", meaning: "batchSend: not a valid staff id of this organisation", source: "[batch]" },
  { http: 200, code: "130101", action: "retry", retryAfterS: 1, meaning: "sessionWebhook: sending too fast", source: "[errors]" },
];

/** The table row for an answer; undefined = not listed (a 4xx not listed is permanent). */
export function dingtalkAnswerRule(http: number, code: string | undefined): DingTalkAnswer | undefined {
  const is = (r: DingTalkAnswer) => r.http === http || (r.http === "5xx" && http >= 500 && http < 600);
  // A 403 that is none of the listed codes (another permission problem) is permanent.
  return DINGTALK_SEND_ANSWERS.find((r) => is(r) && r.code !== undefined && r.code === code) ?? DINGTALK_SEND_ANSWERS.find((r) => is(r) && r.code === undefined);
}
