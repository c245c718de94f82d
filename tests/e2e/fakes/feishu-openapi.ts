// A fake Feishu Open API on 127.0.0.1 for end-to-end tests, speaking what the official SDK calls
// (see /work/shared/PLATFORMS.md):
// - POST /open-apis/auth/v3/tenant_access_token/internal {app_id, app_secret} → {code:0, tenant_access_token, expire}
// - POST /open-apis/im/v1/messages?receive_id_type=… {receive_id, msg_type, content, uuid}: a repeated
//   uuid returns the first message again and is not recorded twice (Feishu de-duplicates for 1 h)
// - POST /open-apis/im/v1/messages/:id/reply and PATCH /open-apis/im/v1/messages/:id
// - GET /open-apis/contact/v3/users/:id?user_id_type=open_id → {code:0, data:{user:{open_id, name, department_ids}}}
//   from `contactUsers`; an unknown id → HTTP 400 code 41050 (outside the app's visibility);
//   `contactFault` "no_permission" (HTTP 400 code 99991672, scope missing) or "500" answers every lookup
// - GET /open-apis/bot/v3/info → {code:0, bot:{open_id: botOpenId, app_name}}; botOpenId undefined → HTTP 400 code 99991672
// - `tokenFaults`: the token endpoint answers HTTP 500, one per request
// - injectable faults, consumed one per message request: HTTP 429 (code 99991400 with
//   x-ogw-ratelimit-reset), HTTP 500, and "99991663" (the token in use is revoked: HTTP 200 code 99991663)
// - send-side answers from Feishu's error code tables (src/platforms/feishu/api-errors.ts has the
//   sources): `{status, code}` faults (e.g. HTTP 400 code 11232, HTTP 200 code 230002), token codes
//   99991661/99991663/99991677 (the tokens in use are revoked), "hang" (the message is stored and
//   the request never answered) and an outage window (`outage`) for fault-injection scripts
// - POST /open-apis/im/v1/images (multipart: image_type "message" | "avatar", image ≤ 10 MB, not
//   empty) → {code:0, msg:"success", data:{image_key}} — shaped from 上传图片
//   https://open.feishu.cn/document/server-docs/im-v1/image/create (the SDK's im.v1.image.create);
//   a bad image_type or an empty/oversized image → HTTP 400 code 234001/234006 (that page's error
//   table); `imageFaults` (HTTP 500 or any {status, code}) are consumed one per upload
// - POST /open-apis/im/v1/files (multipart: file_type opus|mp4|pdf|doc|xls|ppt|stream, file_name,
//   file ≤ 30 MB, not empty) → {code:0, data:{file_key}} — 上传文件
//   https://open.feishu.cn/document/server-docs/im-v1/file/create (im.v1.file.create); a file
//   message then carries {"file_key"} (msg_type "file")
// - interactive content in card JSON 2.0 ({schema:"2.0", header, body:{elements}}) is checked the way
//   the 表单容器 doc states (https://open.feishu.cn/document/feishu-cards/card-json-v2-components/containers/form-container):
//   a `form` only at the body's root, no form inside a form, every input inside it `name`d and the names
//   unique in the card, a button with form_action_type "submit" inside it; otherwise HTTP 400 code 230099
//   ("Failed to create card content", the send API's code for an invalid card)
// `extraRoutes` and `server` let the long-connection fake share the host (the SDK's WSClient
// reaches {domain}/callback/ws/endpoint on the same domain as the API).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type SendFault =
  | "429"
  | "500"
  | "99991663"
  /** the message is stored, the answer never comes (the uuid still de-duplicates a retry) */
  | "hang"
  /** any documented answer: HTTP status and body code */
  | { status: number; code: number; msg?: string };

/** During an outage every message request gets one of these, in turn. */
export type OutageMode = "429" | "500" | "hang";

/** Token codes after which the fake refuses the tokens it issued before (a fresh one works). */
const TOKEN_CODES = new Set([99991661, 99991663, 99991677]);

export interface ReceivedMessage {
  messageId: string;
  receiveIdType: string;
  receiveId: string;
  msgType: string;
  content: Record<string, unknown>;
  uuid?: string;
  /** Text, or a card's title + markdown, for assertions. */
  text: string;
  replyTo?: string;
}

export interface Patch {
  messageId: string;
  text: string;
}

export interface ContactUser {
  name: string;
  department_ids: string[];
}

export type ContactFault = "no_permission" | "500";

type Handler = (req: IncomingMessage, body: unknown, res: ServerResponse) => void;

export class FakeFeishuOpenApi {
  base = "";
  readonly server: Server;
  readonly messages: ReceivedMessage[] = [];
  readonly patches: Patch[] = [];
  readonly tokensIssued: string[] = [];
  readonly faults: SendFault[] = [];
  /** Consumed one per token request: the token endpoint answering HTTP 500 (a Feishu outage). */
  readonly tokenFaults: Array<"500"> = [];
  /** Every message request, including refused and de-duplicated ones. */
  messageRequests = 0;
  duplicatesSuppressed = 0;
  /** Until `until` (ms), message requests answer with `modes` in turn (429 / 5xx / hang). */
  outage: { until: number; modes: OutageMode[] } | undefined;
  /** Requests left unanswered (hang), released on stop. */
  readonly hung = new Set<ServerResponse>();
  private outageTurn = 0;
  readonly extraRoutes = new Map<string, Handler>();
  /** The contact directory: open_id → user. */
  readonly contactUsers = new Map<string, ContactUser>();
  /** open_ids looked up in the contact directory, in order. */
  readonly contactRequests: string[] = [];
  contactFault: ContactFault | undefined;
  /** What bot/v3/info answers; undefined → the call is refused. */
  botOpenId: string | undefined = "ou_bot";
  botInfoRequests = 0;
  /** Uploaded images by image_key (PNG bytes), and the upload faults to inject. */
  readonly images = new Map<string, Buffer>();
  readonly imageFaults: Array<"500" | { status: number; code: number; msg?: string }> = [];
  imageRequests = 0;
  private readonly validTokens = new Set<string>();
  private readonly byUuid = new Map<string, ReceivedMessage>();

  constructor(readonly app: { appId: string; appSecret: string }) {
    this.server = createServer((req, res) => void this.route(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hung) res.socket?.destroy();
    this.hung.clear();
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  /** Messages whose text includes `needle`. */
  find(needle: string): ReceivedMessage[] {
    return this.messages.filter((m) => m.text.includes(needle));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method === "POST" && req.url?.startsWith("/open-apis/im/v1/images")) return this.uploadImage(req, Buffer.concat(chunks), res);
    if (req.method === "POST" && req.url?.startsWith("/open-apis/im/v1/files")) return this.uploadFile(req, Buffer.concat(chunks), res);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: unknown = {};
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      return json(res, 400, { code: 9499, msg: "bad json" });
    }
    const url = new URL(req.url ?? "/", this.base);
    const extra = this.extraRoutes.get(`${req.method} ${url.pathname}`);
    if (extra) return extra(req, body, res);
    if (req.method === "POST" && url.pathname === "/open-apis/auth/v3/tenant_access_token/internal") return this.token(body, res);
    const contact = /^\/open-apis\/contact\/v3\/users\/([^/]+)$/.exec(url.pathname);
    if (req.method === "GET" && contact) return this.contactUser(req, decodeURIComponent(contact[1]!), url, res);
    if (req.method === "GET" && url.pathname === "/open-apis/bot/v3/info") return this.botInfo(req, res);
    const m = /^\/open-apis\/im\/v1\/messages(?:\/([^/]+)(\/reply)?)?$/.exec(url.pathname);
    if (!m) return json(res, 404, { code: 404, msg: "not found" });
    this.messageRequests++;
    const fault = this.faults.shift() ?? this.outageFault();
    if (fault === "429") return json(res, 429, { code: 99991400, msg: "request trigger frequency limit" }, { "x-ogw-ratelimit-reset": "0" });
    if (fault === "500") return json(res, 500, { code: 500, msg: "internal error" });
    if (fault === "99991663") this.validTokens.clear();
    if (typeof fault === "object") {
      if (TOKEN_CODES.has(fault.code)) this.validTokens.clear();
      return json(res, fault.status, { code: fault.code, msg: fault.msg ?? "injected" });
    }
    if (fault === "hang") {
      // Stored (as Feishu would) and never answered: the caller's retry meets the same uuid.
      const hangRes = { writeHead: () => hangRes, end: () => undefined } as unknown as ServerResponse;
      this.hung.add(res);
      res = hangRes;
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (!token || !this.validTokens.has(token)) return json(res, 200, { code: 99991663, msg: "Invalid access token for authorization" });
    const b = body as Record<string, string>;
    if (req.method === "PATCH" && m[1]) {
      this.patches.push({ messageId: m[1], text: describe("interactive", parse(b.content)) });
      return json(res, 200, { code: 0, msg: "success", data: {} });
    }
    if (req.method !== "POST") return json(res, 404, { code: 404, msg: "not found" });
    return this.create(b, m[2] ? { receiveIdType: "reply", receiveId: m[1]!, replyTo: m[1] } : { receiveIdType: url.searchParams.get("receive_id_type") ?? "", receiveId: b.receive_id ?? "" }, res);
  }

  private async uploadImage(req: IncomingMessage, raw: Buffer, res: ServerResponse): Promise<void> {
    this.imageRequests++;
    const fault = this.imageFaults.shift();
    if (fault === "500") return json(res, 500, { code: 500, msg: "internal error" });
    if (fault) return json(res, fault.status, { code: fault.code, msg: fault.msg ?? "injected" });
    if (!this.authorised(req)) return json(res, 200, { code: 99991663, msg: "Invalid access token for authorization" });
    const parts = multipart(raw, req.headers["content-type"] ?? "");
    const type = parts.get("image_type")?.toString("utf8");
    const image = parts.get("image");
    if (!parts.size || (type !== "message" && type !== "avatar") || !image) return json(res, 400, { code: 234001, msg: "Invalid request param." });
    if (image.length === 0 || image.length > 10 * 1024 * 1024) return json(res, 400, { code: 234006, msg: "The file size exceeds the limit." });
    const key = `img_v2_fake_${this.images.size + 1}`;
    this.images.set(key, image);
    return json(res, 200, { code: 0, msg: "success", data: { image_key: key } });
  }

  /** Uploaded files by file_key. */
  readonly files = new Map<string, { name: string; type: string; bytes: Buffer }>();

  private uploadFile(req: IncomingMessage, raw: Buffer, res: ServerResponse): void {
    if (!this.authorised(req)) return json(res, 200, { code: 99991663, msg: "Invalid access token for authorization" });
    const parts = multipart(raw, req.headers["content-type"] ?? "");
    const type = parts.get("file_type")?.toString("utf8") ?? "";
    const name = parts.get("file_name")?.toString("utf8") ?? "";
    const file = parts.get("file");
    if (!["opus", "mp4", "pdf", "doc", "xls", "ppt", "stream"].includes(type) || !name || !file) return json(res, 400, { code: 234001, msg: "Invalid request param." });
    if (file.length === 0 || file.length > 30 * 1024 * 1024) return json(res, 400, { code: 234006, msg: "The file size exceeds the limit." });
    const key = `file_v3_fake_${this.files.size + 1}`;
    this.files.set(key, { name, type, bytes: file });
    return json(res, 200, { code: 0, msg: "success", data: { file_key: key } });
  }

  private outageFault(): SendFault | undefined {
    if (!this.outage || Date.now() >= this.outage.until) return undefined;
    return this.outage.modes[this.outageTurn++ % this.outage.modes.length];
  }

  private authorised(req: IncomingMessage): boolean {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    return Boolean(token && this.validTokens.has(token));
  }

  private contactUser(req: IncomingMessage, id: string, url: URL, res: ServerResponse): void {
    this.contactRequests.push(id);
    if (!this.authorised(req)) return json(res, 200, { code: 99991663, msg: "Invalid access token for authorization" });
    if (this.contactFault === "500") return json(res, 500, { code: 500, msg: "internal error" });
    if (this.contactFault === "no_permission") {
      return json(res, 400, { code: 99991672, msg: "Access denied. One of the following scopes is required: [contact:user.base:readonly]" });
    }
    if (url.searchParams.get("user_id_type") !== "open_id") return json(res, 400, { code: 99992402, msg: "field validation failed" });
    const user = this.contactUsers.get(id);
    if (!user) return json(res, 400, { code: 41050, msg: "no user authority error" });
    json(res, 200, { code: 0, msg: "success", data: { user: { open_id: id, union_id: `on_${id}`, name: user.name, department_ids: user.department_ids } } });
  }

  private botInfo(req: IncomingMessage, res: ServerResponse): void {
    this.botInfoRequests++;
    if (!this.authorised(req)) return json(res, 200, { code: 99991663, msg: "Invalid access token for authorization" });
    if (!this.botOpenId) return json(res, 400, { code: 99991672, msg: "Access denied" });
    json(res, 200, { code: 0, msg: "ok", bot: { activate_status: 2, app_name: "绩效助手", avatar_url: "", ip_white_list: [], open_id: this.botOpenId } });
  }

  private token(body: unknown, res: ServerResponse): void {
    if (this.tokenFaults.shift() === "500") return json(res, 500, { code: 500, msg: "internal error" });
    const b = body as { app_id?: string; app_secret?: string };
    if (b.app_id !== this.app.appId || b.app_secret !== this.app.appSecret) return json(res, 200, { code: 10014, msg: "app secret invalid" });
    const token = `t-${this.tokensIssued.length + 1}`;
    this.tokensIssued.push(token);
    this.validTokens.add(token);
    json(res, 200, { code: 0, msg: "ok", tenant_access_token: token, expire: 7200 });
  }

  private create(b: Record<string, string>, to: { receiveIdType: string; receiveId: string; replyTo?: string }, res: ServerResponse): void {
    if (!["open_id", "chat_id", "user_id", "union_id", "email", "reply"].includes(to.receiveIdType) || !to.receiveId) {
      return json(res, 400, { code: 99992402, msg: "field validation failed" });
    }
    const previous = b.uuid ? this.byUuid.get(b.uuid) : undefined;
    if (previous) {
      this.duplicatesSuppressed++;
      return json(res, 200, { code: 0, msg: "success", data: { message_id: previous.messageId } });
    }
    const content = parse(b.content);
    const invalid = b.msg_type === "interactive" ? cardProblem(content) : null;
    if (invalid) return json(res, 400, { code: 230099, msg: `Failed to create card content, ext=ErrCode: 200621; ErrMsg: ${invalid}` });
    const msg: ReceivedMessage = {
      messageId: `om_fake${String(this.messages.length + 1).padStart(6, "0")}`,
      ...to,
      msgType: b.msg_type ?? "",
      content,
      uuid: b.uuid,
      text: describe(b.msg_type ?? "", content),
    };
    this.messages.push(msg);
    if (b.uuid) this.byUuid.set(b.uuid, msg);
    json(res, 200, { code: 0, msg: "success", data: { message_id: msg.messageId, chat_id: "oc_fake" } });
  }
}

function parse(content: string | undefined): Record<string, unknown> {
  try {
    return JSON.parse(content ?? "{}") as Record<string, unknown>;
  } catch {
    return {};
  }
}

type Element = { tag?: string; name?: string; content?: string; form_action_type?: string; label?: { content?: string }; elements?: Element[] };

/** What Feishu would refuse in a JSON 2.0 card's forms (see the header), or null. */
function cardProblem(content: Record<string, unknown>): string | null {
  if (content.schema !== "2.0") return null;
  const root = ((content.body as { elements?: Element[] } | undefined)?.elements ?? []);
  const names = new Set<string>();
  const walk = (els: Element[], inForm: boolean, depth: number): string | null => {
    for (const e of els) {
      if (e.tag === "form") {
        if (inForm || depth > 0) return "form must be at the body root and not nested";
        if (!e.name) return "form without name";
        const inner = e.elements ?? [];
        if (!inner.some((x) => x.tag === "button" && x.form_action_type === "submit")) return "form without a submit button";
        const bad = walk(inner, true, depth + 1);
        if (bad) return bad;
        continue;
      }
      if (inForm && e.tag === "input") {
        if (!e.name) return "input in a form without name";
        if (names.has(e.name)) return `duplicate name ${e.name}`;
        names.add(e.name);
      }
      if (e.elements) {
        const bad = walk(e.elements, inForm, depth + 1);
        if (bad) return bad;
      }
    }
    return null;
  };
  return walk(root, false, 0);
}

function describe(msgType: string, content: Record<string, unknown>): string {
  if (msgType === "text") return String(content.text ?? "");
  if (content.schema === "2.0") {
    // JSON 2.0: body.elements; a form's inputs are described by their labels.
    const card = content as { header?: { title?: { content?: string } }; body?: { elements?: Element[] } };
    const text = (e: Element): string[] => [e.content ?? e.label?.content ?? "", ...(e.elements ?? []).flatMap(text)].filter((s) => s);
    return [card.header?.title?.content ?? "", ...(card.body?.elements ?? []).flatMap(text)].join("\n");
  }
  // A "note" element holds its text one level down (elements[].content).
  const card = content as { header?: { title?: { content?: string } }; elements?: Array<{ content?: string; elements?: Array<{ content?: string }> }> };
  return [card.header?.title?.content ?? "", ...(card.elements ?? []).map((e) => e.content ?? (e.elements ?? []).map((x) => x.content ?? "").join(""))].join("\n");
}

/** multipart/form-data fields by name, as bytes (the SDK's form-data parts carry no filename). */
function multipart(raw: Buffer, contentType: string): Map<string, Buffer> {
  const fields = new Map<string, Buffer>();
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!/^multipart\/form-data/i.test(contentType) || !boundary) return fields;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = raw.indexOf(delimiter);
  while (at >= 0) {
    const next = raw.indexOf(delimiter, at + delimiter.length);
    if (next < 0) break;
    const part = raw.subarray(at + delimiter.length + 2, next - 2); // skip CRLF after the delimiter and before the next
    const headerEnd = part.indexOf("\r\n\r\n");
    const name = /name="([^"]+)"/.exec(part.subarray(0, Math.max(0, headerEnd)).toString("utf8"))?.[1];
    if (headerEnd >= 0 && name) fields.set(name, Buffer.from(part.subarray(headerEnd + 4)));
    at = next;
  }
  return fields;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Polls until `cond` holds (the reply arrives asynchronously, after the ack). */
export async function waitFor(cond: () => boolean, ms = 10_000, what = "condition"): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
