// A robot message's `sessionWebhook` is where its in-context reply is POSTed — so it must be
// DingTalk's: real ones look like https://oapi.dingtalk.com/robot/sendBySession?session=…
// [doc: https://open.dingtalk.com/document/orgapp/receive-message, field sessionWebhook]. Any other
// URL (an attacker's "http://127.0.0.1:9999/steal" in a replayed or forged body) is dropped, and
// the reply goes through the robot API to the sender's staff id instead (issue 10 item 9).
// DINGTALK_API_BASE (tests, a private gateway) is trusted as well.

export const DINGTALK_OAPI_ORIGIN = "https://oapi.dingtalk.com";

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** `url` when it points at DingTalk's API host (or at `apiBase`), otherwise undefined. */
export function trustedSessionWebhook(url: string | undefined, apiBase?: string): string | undefined {
  if (!url) return undefined;
  const origin = originOf(url);
  if (!origin) return undefined;
  const allowed = [DINGTALK_OAPI_ORIGIN, ...(apiBase ? [originOf(apiBase)] : [])];
  return allowed.includes(origin) ? url : undefined;
}
