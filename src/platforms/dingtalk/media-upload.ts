// Upload an image for a DingTalk message: 上传媒体文件, POST {oapi}/media/upload?access_token=…&type=image,
// multipart field "media" with a filename → {errcode:0, media_id, type, created_at}
// (https://open.dingtalk.com/document/orgapp/upload-media-files). The enterprise internal app's
// access token from /v1.0/oauth2/accessToken is accepted by the oapi endpoints too. The media_id is
// embedded in the reply's markdown (issue 14 item 2).

/** https://api.dingtalk.com → https://oapi.dingtalk.com; any other base (a fake, a proxy) is used as is. */
export function oapiBase(apiBase: string | undefined): string {
  const base = (apiBase ?? "https://api.dingtalk.com").replace(/\/+$/, "");
  return base === "https://api.dingtalk.com" ? "https://oapi.dingtalk.com" : base;
}

/** The media_id of the uploaded PNG; throws with DingTalk's errcode otherwise (caller falls back to text). */
export async function uploadMedia(base: string, accessToken: () => Promise<string>, png: Buffer, timeoutMs = 15_000): Promise<string> {
  const form = new FormData();
  form.append("media", new Blob([png], { type: "image/png" }), "chart.png");
  const url = `${base}/media/upload?access_token=${encodeURIComponent(await accessToken())}&type=image`;
  const res = await fetch(url, { method: "POST", body: form, signal: AbortSignal.timeout(timeoutMs) });
  const body = (await res.json().catch(() => ({}))) as { errcode?: number; errmsg?: string; media_id?: string };
  if (!res.ok || body.errcode !== 0 || !body.media_id) throw new Error(`media/upload: HTTP ${res.status} errcode ${String(body.errcode)} ${body.errmsg ?? ""}`.trim());
  return body.media_id;
}
