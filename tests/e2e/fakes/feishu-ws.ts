// A fake Feishu long-connection server, sharing the fake Open API's host (the SDK's WSClient asks
// {domain}/callback/ws/endpoint for its WebSocket URL):
// - POST /callback/ws/endpoint {AppID, AppSecret} → {code:0, data:{URL, ClientConfig}}
// - WebSocket carrying protobuf pbbp2.Frame: SeqID=1, LogID=2, service=3, method=4 (0 control,
//   1 data), headers=5 [{key,value}], payload=8. Events go out as data frames with headers
//   type=event, message_id, sum=1, seq=0, trace_id; the client acks by echoing the frame with a
//   biz_rt header and payload {"code":200,"data":base64(JSON(handler result))}. Pings get pongs.
import { randomUUID } from "node:crypto";
import type { WebSocket } from "ws";
import { WebSocketServer } from "ws";
import protobuf from "protobufjs";
import type { FeishuEnvelope } from "../../fixtures/feishu-events.js";
import type { FakeFeishuOpenApi } from "./feishu-openapi.js";

const PROTO = `syntax = "proto2"; package pbbp2;
message Header { required string key = 1; required string value = 2; }
message Frame {
  required uint64 SeqID = 1; required uint64 LogID = 2; required int32 service = 3; required int32 method = 4;
  repeated Header headers = 5; optional string payload_encoding = 6; optional string payload_type = 7;
  optional bytes payload = 8; optional string LogIDNew = 9;
}`;
const Frame = protobuf.parse(PROTO).root.lookupType("pbbp2.Frame");

interface FrameData {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: Array<{ key: string; value: string }>;
  payload?: Uint8Array;
}

export interface Ack {
  code: number;
  /** The handler's result (a card action's {toast, card}), decoded. */
  data?: unknown;
  bizRt?: string;
}

export class FakeFeishuLongConnection {
  readonly acks: Ack[] = [];
  connectionsOpened = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly waiting = new Map<string, (ack: Ack) => void>();
  private seq = 0;

  constructor(private readonly api: FakeFeishuOpenApi) {
    api.extraRoutes.set("POST /callback/ws/endpoint", (_req, body, res) => {
      const b = body as { AppID?: string; AppSecret?: string };
      const ok = b.AppID === api.app.appId && b.AppSecret === api.app.appSecret;
      const url = `${api.base.replace("http", "ws")}/ws/v2?fpid=1&device_id=dev1&service_id=7&ticket=${randomUUID()}`;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(ok
        ? { code: 0, msg: "ok", data: { URL: url, ClientConfig: { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 0 } } }
        : { code: 514, msg: "auth failed", data: {} }));
    });
    api.server.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/ws/v2")) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
  }

  get openSockets(): number {
    return this.sockets.size;
  }

  /** Sends one event envelope (tests/fixtures/feishu-events.ts) to a connected client; resolves with its ack. */
  push(envelope: FeishuEnvelope, timeoutMs = 5_000): Promise<Ack> {
    const ws = [...this.sockets][0];
    if (!ws) return Promise.reject(new Error("no long connection open"));
    const messageId = randomUUID();
    this.seq++;
    const frame = Frame.create({
      SeqID: this.seq, LogID: this.seq, service: 7, method: 1,
      headers: [
        { key: "type", value: "event" },
        { key: "message_id", value: messageId },
        { key: "sum", value: "1" },
        { key: "seq", value: "0" },
        { key: "trace_id", value: `trace-${this.seq}` },
      ],
      payload: Buffer.from(JSON.stringify(envelope)),
    });
    ws.send(Frame.encode(frame).finish());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${messageId}`)), timeoutMs);
      this.waiting.set(messageId, (ack) => (clearTimeout(timer), resolve(ack)));
    });
  }

  closeAll(): void {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
  }

  private accept(ws: WebSocket): void {
    this.connectionsOpened++;
    this.sockets.add(ws);
    ws.on("close", () => this.sockets.delete(ws));
    ws.on("message", (data: Buffer) => {
      const f = Frame.toObject(Frame.decode(data), { longs: Number }) as FrameData;
      const h = Object.fromEntries(f.headers.map((x) => [x.key, x.value]));
      if (f.method === 0 && h.type === "ping") {
        const pong = { ...f, headers: [{ key: "type", value: "pong" }], payload: Buffer.from(JSON.stringify({ PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 0 })) };
        ws.send(Frame.encode(Frame.create(pong)).finish());
        return;
      }
      if (f.method !== 1 || !h.message_id) return;
      const body = JSON.parse(Buffer.from(f.payload ?? []).toString("utf8")) as { code: number; data?: string };
      const ack: Ack = { code: body.code, bizRt: h.biz_rt, data: body.data ? JSON.parse(Buffer.from(body.data, "base64").toString("utf8")) : undefined };
      this.acks.push(ack);
      this.waiting.get(h.message_id)?.(ack);
      this.waiting.delete(h.message_id);
    });
  }
}
