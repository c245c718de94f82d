// A fake DingTalk on 127.0.0.1 for end-to-end tests, speaking the protocol the real one does
// (see /work/shared/PLATFORMS.md and src/platforms/dingtalk/*):
// - gateway: POST /v1.0/gateway/connections/open → {endpoint: ws://…/connect, ticket}
// - stream websocket: CALLBACK frames (robot messages from tests/fixtures/dingtalk-messages.ts) and
//   SYSTEM `disconnect` frames out, acks {code:200, headers:{messageId}} back; frames not
//   acked are redelivered on the next connection and by `redeliverUnacked()` (the real server
//   retries for about 60 s)
// - OpenAPI: POST /v1.0/oauth2/accessToken, POST /v1.0/robot/oToMessages/batchSend with
//   injectable flow control (HTTP 200 + flowControlledStaffIdList), 429 and 5xx;
//   POST /v1.0/robot/groupMessages/send {robotCode, openConversationId, msgKey, msgParam} (same
//   token check and 429/5xx/403 faults)
// - sessionWebhook: POST /session/:conversationId records in-context replies
// Send-side faults as DingTalk documents them (src/platforms/dingtalk/api-errors.ts has the sources):
// throttling = HTTP 403 {code: "Forbidden.AccessDenied.QpsLimitForApi"} (`throttleFor`, or a real
// per-API QPS cap with `qpsLimit`), a revoked token = HTTP 400 {code: "InvalidAuthentication"},
// a lost answer (message recorded, connection reset) and a hang (recorded, never answered);
// - POST /media/upload?access_token=…&type=image, multipart field "media" (上传媒体文件,
//   https://open.dingtalk.com/document/orgapp/upload-media-files) → {errcode:0, errmsg:"ok", type,
//   media_id, created_at}; a bad token → errcode 40014, a missing or empty file → 40004 (不合法的媒体
//   文件类型); `mediaFaults` (errcodes) are consumed one per upload
// GET /v1.0/robot/oToMessages/readStatus?processQueryKey → {sendStatus: "SUCCESS", messageReadInfoList}.
// Contacts: POST /topapi/v2/user/get?access_token {userid, language} → {errcode: 0, errmsg: "ok",
// result: {userid, name, dept_id_list}} for a staff member in `contactUsers`, errcode 60121
// ("找不到该用户") otherwise, errcode 88 for a bad token — shaped from 根据userid获取用户详情
// (https://open.dingtalk.com/document/orgapp/query-user-details); every request is in `contactRequests`.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage as HttpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { callbackFrame, disconnectFrame, robotMessage, text, type RobotBody, type RobotMessage, type RobotText } from "../../fixtures/dingtalk-messages.js";

type RobotMessageOptions = { staffId?: string; group?: boolean; msgId?: string; webhookTtlMs?: number; atBot?: boolean };

export const TOPIC_ROBOT = "/v1.0/im/bot/messages/get";

export interface SentMessage {
  via: "webhook" | "batchSend" | "group";
  /** conversationId for the webhook, staff id for batchSend, openConversationId for a group */
  to: string;
  title: string;
  text: string;
}

/** Consumed one per batchSend call; "ok" lets a call through (to fail a later one). */
export type SendFault =
  | "ok"
  | "flowControl"
  | "429"
  | "500"
  | "403"
  | "invalidStaff"
  /** 403 Forbidden.AccessDenied.QpsLimitForApi / …QpsLimitForAppkeyAndApi */
  | "qpsLimit"
  | "qpsLimitAppkey"
  /** the message is delivered, then the connection is reset before the answer */
  | "lostAnswer"
  /** the message is delivered and the request never answered */
  | "hang";

/** Answers that are not a JSON reply: reset the connection, or leave it hanging. */
const RESET = -1;
const HANG = 0;

export interface FakeDingTalkOptions {
  clientId: string;
  clientSecret: string;
  robotCode: string;
}

interface Frame {
  messageId: string;
  raw: string;
}

export class FakeDingTalk {
  base = "";
  readonly sent: SentMessage[] = [];
  readonly acks: string[] = [];
  readonly tokensIssued: string[] = [];
  /** topapi/v2/user/get: the directory (userid → name, dept_id_list) and the userids asked for. */
  readonly contactUsers = new Map<string, { name: string; dept_id_list: number[] }>();
  readonly contactRequests: string[] = [];
  readonly faults: SendFault[] = [];
  /** errcodes the session webhook answers with, one per call (e.g. 300001 session expired). */
  readonly webhookFaults: number[] = [];
  connectionsOpened = 0;
  /** Until this time (ms) every robot send answers 403 QpsLimitForApi. */
  throttledUntil = 0;
  /** >0: more than this many calls of one API within a second answer 403 QpsLimitForApi. */
  qpsLimit = 0;
  /** Robot send calls, including refused ones. */
  sendCalls = 0;
  throttledCalls = 0;
  private readonly callsThisSecond = new Map<string, { second: number; n: number }>();
  private readonly delivered = new Map<string, string[]>();
  private readonly hung = new Set<import("node:http").ServerResponse>();
  /** While true the websocket answers no pings and sends nothing (a half-open connection). */
  silent = false;
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private readonly unacked = new Map<string, Frame>();
  private readonly tickets = new Set<string>();

  constructor(private readonly opts: FakeDingTalkOptions) {
    this.server = createServer((req, res) => {
      void this.route(req).then(
        ([status, body]) => {
          if (status === RESET) return void req.socket.destroy();
          if (status === HANG) return void this.hung.add(res);
          res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
        },
        (err: Error) => res.writeHead(500).end(JSON.stringify({ code: "fake", message: err.message })),
      );
    });
    this.wss = new WebSocketServer({ noServer: true, autoPong: false });
    this.server.on("upgrade", (req, socket, head) => {
      const ticket = new URL(req.url ?? "", "http://x").searchParams.get("ticket") ?? "";
      if (!this.tickets.delete(ticket)) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.releaseHung();
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get openSockets(): number {
    return [...this.sockets].filter((s) => s.readyState === s.OPEN).length;
  }

  /** A robot text message as DingTalk sends it (tests/fixtures/dingtalk-messages.ts); `text` is what the user typed after any @. */
  robotMessage(p: { text: string } & RobotMessageOptions): RobotText {
    return this.robotMessageOf(text(p.text, p.group), p) as RobotText;
  }

  /** A robot message of any kind (richText, audio, picture, file, video), in the documented shape. */
  robotMessageOf(body: RobotBody, p: RobotMessageOptions = {}): RobotMessage {
    return robotMessage(body, { ...p, base: this.base, robotCode: this.opts.robotCode });
  }

  /** Pushes a CALLBACK frame to every connected client; returns the frame's messageId. */
  pushRobotMessage(message: RobotMessage, frameMessageId: string = randomUUID()): string {
    const raw = JSON.stringify(callbackFrame(message, { appId: this.opts.clientId, topic: TOPIC_ROBOT, messageId: frameMessageId }));
    this.unacked.set(frameMessageId, { messageId: frameMessageId, raw });
    for (const ws of this.sockets) if (ws.readyState === ws.OPEN) ws.send(raw);
    return frameMessageId;
  }

  /**
   * What the gateway does before it closes a connection (redeploy, rebalancing): a SYSTEM frame with
   * topic `disconnect`. `closeAfterMs` (default: never) closes the socket from our side later, as the
   * real server does after a grace period.
   */
  sendDisconnect(closeAfterMs?: number): void {
    const raw = JSON.stringify(disconnectFrame(this.opts.clientId));
    for (const ws of this.sockets) {
      if (ws.readyState !== ws.OPEN) continue;
      ws.send(raw);
      if (closeAfterMs !== undefined) setTimeout(() => ws.close(), closeAfterMs).unref();
    }
  }

  /** What the real server does when an ack does not come in time. Returns how many were resent. */
  redeliverUnacked(): number {
    for (const f of this.unacked.values()) for (const ws of this.sockets) if (ws.readyState === ws.OPEN) ws.send(f.raw);
    return this.unacked.size;
  }

  /** Sends any text frame (e.g. garbage) to every client. */
  sendRaw(text: string): void {
    for (const ws of this.sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  }

  /** Invalidates every issued token (as after a secret rotation): the next send gets 400 InvalidAuthentication. */
  revokeTokens(): void {
    this.tokensIssued.length = 0;
  }

  /** Every robot send answers 403 QpsLimitForApi for the next `ms` milliseconds. */
  throttleFor(ms: number): void {
    this.throttledUntil = Date.now() + ms;
  }

  /** Resets the connections of requests left hanging (their messages were delivered). */
  releaseHung(): void {
    for (const res of this.hung) res.socket?.destroy();
    this.hung.clear();
  }

  dropConnections(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    // Like the real server: callbacks nobody acked are delivered again on the new connection.
    for (const f of this.unacked.values()) ws.send(f.raw);
    ws.on("close", () => this.sockets.delete(ws));
    ws.on("ping", (data) => {
      if (!this.silent) ws.pong(data);
    });
    ws.on("message", (data) => {
      const msg = JSON.parse(String(data)) as { code?: number; headers?: { messageId?: string } };
      const id = msg.headers?.messageId;
      if (msg.code === 200 && id && this.unacked.delete(id)) this.acks.push(id);
    });
  }

  /** Uploaded images by media_id, and upload faults (errcodes) to inject. */
  readonly media = new Map<string, Buffer>();
  readonly mediaFaults: number[] = [];
  mediaRequests = 0;

  private async mediaUpload(req: HttpRequest, url: URL): Promise<[number, unknown]> {
    this.mediaRequests++;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const fault = this.mediaFaults.shift();
    if (fault) return [200, { errcode: fault, errmsg: "injected" }];
    const token = url.searchParams.get("access_token");
    if (!token || !this.tokensIssued.includes(token)) return [200, { errcode: 40014, errmsg: "不合法的access_token" }];
    const raw = Buffer.concat(chunks);
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(req.headers["content-type"] ?? "");
    const type = url.searchParams.get("type");
    if (!boundary || type !== "image") return [200, { errcode: 40004, errmsg: "不合法的媒体文件类型" }];
    const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
    const start = raw.indexOf(delimiter);
    const end = raw.indexOf(delimiter, start + delimiter.length);
    const part = start >= 0 && end > start ? raw.subarray(start + delimiter.length + 2, end - 2) : Buffer.alloc(0);
    const headerEnd = part.indexOf("\r\n\r\n");
    const header = part.subarray(0, Math.max(0, headerEnd)).toString("utf8");
    const file = headerEnd >= 0 ? part.subarray(headerEnd + 4) : Buffer.alloc(0);
    if (!/name="media"/.test(header) || !/filename=/.test(header) || file.length <= 5) return [200, { errcode: 40004, errmsg: "不合法的媒体文件类型" }];
    const mediaId = `@lADPfake${this.media.size + 1}`;
    this.media.set(mediaId, Buffer.from(file));
    return [200, { errcode: 0, errmsg: "ok", type: "image", media_id: mediaId, created_at: Date.now() }];
  }

  private async route(req: HttpRequest): Promise<[number, unknown]> {
    const url = new URL(req.url ?? "/", this.base);
    if (req.method === "POST" && url.pathname === "/media/upload") return this.mediaUpload(req, url);
    const body = await readJson(req);
    if (req.method === "GET" && url.pathname === "/v1.0/robot/oToMessages/readStatus") return this.readStatus(req, url);
    if (req.method !== "POST") return [404, { code: "NotFound" }];
    if (url.pathname === "/v1.0/gateway/connections/open") {
      if (body.clientId !== this.opts.clientId || body.clientSecret !== this.opts.clientSecret) {
        return [401, { code: "InvalidAuthentication", message: "bad client" }];
      }
      const ticket = randomUUID();
      this.tickets.add(ticket);
      this.connectionsOpened++;
      return [200, { endpoint: `${this.base.replace("http", "ws")}/connect`, ticket }];
    }
    if (url.pathname === "/v1.0/oauth2/accessToken") {
      if (body.appKey !== this.opts.clientId || body.appSecret !== this.opts.clientSecret) {
        return [400, { code: "invalidClientId", message: "bad app" }];
      }
      const token = `tok-${randomUUID()}`;
      this.tokensIssued.push(token);
      return [200, { accessToken: token, expireIn: 7200 }];
    }
    if (url.pathname === "/v1.0/robot/oToMessages/batchSend") return this.batchSend(req, body);
    if (url.pathname === "/topapi/v2/user/get") {
      const token = url.searchParams.get("access_token");
      if (!token || !this.tokensIssued.includes(token)) return [200, { errcode: 88, errmsg: "不合法的access_token", request_id: randomUUID() }];
      const userid = String(body.userid ?? "");
      this.contactRequests.push(userid);
      const user = this.contactUsers.get(userid);
      if (!user) return [200, { errcode: 60121, errmsg: "找不到该用户", request_id: randomUUID() }];
      return [200, { errcode: 0, errmsg: "ok", result: { userid, unionid: `union-${userid}`, name: user.name, dept_id_list: user.dept_id_list, active: true }, request_id: randomUUID() }];
    }
    if (url.pathname === "/v1.0/robot/groupMessages/send") return this.groupSend(req, body);
    const session = /^\/session\/(.+)$/.exec(url.pathname);
    if (session) {
      const md = body.markdown as { title: string; text: string } | undefined;
      if (body.msgtype !== "markdown" || !md) return [200, { errcode: 40035, errmsg: "bad msgtype" }];
      const errcode = this.webhookFaults.shift();
      if (errcode) return [200, { errcode, errmsg: "injected" }];
      this.sent.push({ via: "webhook", to: session[1]!, title: md.title, text: md.text });
      return [200, { errcode: 0, errmsg: "ok" }];
    }
    return [404, { code: "NotFound" }];
  }

  private groupSend(req: HttpRequest, body: Record<string, unknown>): [number, unknown] {
    const refused = this.refuseSend(req, "groupMessages/send");
    if (refused) return refused;
    if (body.robotCode !== this.opts.robotCode || typeof body.openConversationId !== "string" || !body.openConversationId) {
      return [400, { code: "invalidParameter", message: "robotCode / openConversationId" }];
    }
    const fault = this.faults.shift();
    const answer = this.sendFaultAnswer(fault);
    if (answer) return answer;
    if (body.msgKey !== "sampleMarkdown") return [400, { code: "invalidParameter", message: "msgKey" }];
    const param = JSON.parse(String(body.msgParam)) as { title: string; text: string };
    this.sent.push({ via: "group", to: body.openConversationId, title: param.title, text: param.text });
    return this.deliveredAnswer(fault, [body.openConversationId], { processQueryKey: "" });
  }

  private batchSend(req: HttpRequest, body: Record<string, unknown>): [number, unknown] {
    const refused = this.refuseSend(req, "oToMessages/batchSend");
    if (refused) return refused;
    const userIds = body.userIds as string[];
    if (body.robotCode !== this.opts.robotCode || !Array.isArray(userIds) || userIds.length > 20) {
      return [400, { code: "invalidParameter", message: "robotCode / userIds" }];
    }
    const fault = this.faults.shift();
    const answer = this.sendFaultAnswer(fault);
    if (answer) return answer;
    if (fault === "flowControl") return [200, { processQueryKey: "", flowControlledStaffIdList: userIds, invalidStaffIdList: [] }];
    if (fault === "invalidStaff") return [200, { processQueryKey: "", flowControlledStaffIdList: [], invalidStaffIdList: userIds }];
    if (body.msgKey !== "sampleMarkdown") return [400, { code: "invalidParameter", message: "msgKey" }];
    const param = JSON.parse(String(body.msgParam)) as { title: string; text: string };
    for (const to of userIds) this.sent.push({ via: "batchSend", to, title: param.title, text: param.text });
    return this.deliveredAnswer(fault, userIds, { processQueryKey: "", flowControlledStaffIdList: [], invalidStaffIdList: [] });
  }

  /** Token and throttling checks every robot send goes through, in DingTalk's answer shapes. */
  private refuseSend(req: HttpRequest, api: string): [number, unknown] | undefined {
    this.sendCalls++;
    const token = req.headers["x-acs-dingtalk-access-token"];
    if (typeof token !== "string" || !this.tokensIssued.includes(token)) {
      return [400, { code: "InvalidAuthentication", message: "不合法的access_token" }];
    }
    const second = Math.floor(Date.now() / 1000);
    const calls = this.callsThisSecond.get(api);
    const n = calls?.second === second ? calls.n + 1 : 1;
    this.callsThisSecond.set(api, { second, n });
    if (Date.now() < this.throttledUntil || (this.qpsLimit > 0 && n > this.qpsLimit)) {
      this.throttledCalls++;
      return [403, { code: "Forbidden.AccessDenied.QpsLimitForApi", message: "调用该接口超过限流阈值" }];
    }
    return undefined;
  }

  private sendFaultAnswer(fault: SendFault | undefined): [number, unknown] | undefined {
    if (fault === "429") return [429, { code: "Throttling", message: "too many requests" }];
    if (fault === "500") return [500, { code: "ServiceUnavailable", message: "try later" }];
    if (fault === "403") return [403, { code: "Forbidden.AccessDenied.AccessTokenPermissionDenied", message: "qyapi_robot_sendmsg" }];
    if (fault === "qpsLimit") return [403, { code: "Forbidden.AccessDenied.QpsLimitForApi", message: "调用该接口超过限流阈值" }];
    if (fault === "qpsLimitAppkey") return [403, { code: "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi", message: "超过应用调用该接口的限流阈值" }];
    return undefined;
  }

  /** A delivered send: its processQueryKey for readStatus, and the answer (or none, if lost). */
  private deliveredAnswer(fault: SendFault | undefined, to: string[], answer: Record<string, unknown>): [number, unknown] {
    const key = `pqk-${randomUUID()}`;
    this.delivered.set(key, to);
    if (fault === "lostAnswer") return [RESET, null];
    if (fault === "hang") return [HANG, null];
    return [200, { ...answer, processQueryKey: key }];
  }

  private readStatus(req: HttpRequest, url: URL): [number, unknown] {
    const token = req.headers["x-acs-dingtalk-access-token"];
    if (typeof token !== "string" || !this.tokensIssued.includes(token)) return [400, { code: "InvalidAuthentication", message: "不合法的access_token" }];
    if (url.searchParams.get("robotCode") !== this.opts.robotCode) return [400, { code: "invalidParameter", message: "robotCode" }];
    const to = this.delivered.get(url.searchParams.get("processQueryKey") ?? "");
    if (!to) return [400, { code: "invalidParameter", message: "processQueryKey not found" }];
    return [200, { sendStatus: "SUCCESS", messageReadInfoList: to.map((userId) => ({ name: userId, userId, readStatus: "UNREAD", readTimestamp: 0 })) }];
  }
}

async function readJson(req: HttpRequest): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Polls until `check` returns a truthy value (tests drive real sockets and timers). */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 5_000, what = "condition"): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
