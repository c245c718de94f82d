// Stream mode: the bot dials out to DingTalk over a websocket, so it needs no public URL.
// Protocol facts [src dingtalk-stream 2.1.5]:
// - First POST {api}/v1.0/gateway/connections/open {clientId, clientSecret, ua, subscriptions}
//   → {endpoint: "wss://…", ticket}; then a websocket to `${endpoint}?ticket=${ticket}`. The SDK
//   hard-codes https://api.dingtalk.com for this call; `getEndpoint()` is overridden to use our base.
// - Frames are JSON text {specVersion, type: SYSTEM|EVENT|CALLBACK, headers:{topic, messageId, …},
//   data: "<json>"}. Robot messages are CALLBACK frames on TOPIC_ROBOT. A callback must be acked
//   with socketCallBackResponse(messageId, …) ({code:200, headers:{messageId}, data}); DingTalk
//   redelivers unacked callbacks (within about 60 s), so we ack as soon as the message is recorded
//   and let the inbound pipeline do the work afterwards.
// - SDK gaps [issue]: an `error` without a `close` never reconnects; a failed connect schedules
//   two reconnects (the catch in connect() and the close handler), leaking sockets; the keepAlive
//   interval is never cleared on reconnect. So the SDK's own reconnect and keepAlive are off and
//   the watchdog below owns the socket's life: it pings, and replaces a socket that is not OPEN or
//   has been silent (no frame, no pong) for `staleMs`.
// - A SYSTEM frame with topic `disconnect` [doc Stream 模式协议; the official Python SDK closes the
//   socket on it and opens a new connection with a new ticket] announces that the server is about to
//   close this connection (redeploy, rebalancing). The SDK only flags itself disconnected and waits
//   for the close; we open a new connection at once, so nothing is missed in between.
import { DWClient, TOPIC_ROBOT, type DWClientDownStream } from "dingtalk-stream";
import WebSocket from "ws";
import type { Logger } from "../../logger.js";
import { DEFAULT_API_BASE } from "./api.js";

/** What the SDK keeps private but the watchdog must reach. */
interface SdkInternals {
  dw_url?: string;
  socket?: WebSocket;
}

export class GatewayStreamClient extends DWClient {
  /** Date.now() of the last frame or pong; transport time, not the business clock. */
  lastSeenAt = 0;
  /** Called on a SYSTEM `disconnect` frame: the server is about to close this connection. */
  onServerDisconnect?: () => void;

  constructor(
    opts: { clientId: string; clientSecret: string },
    private readonly apiBase: string = DEFAULT_API_BASE,
    private readonly log?: Logger,
  ) {
    super({ ...opts, keepAlive: false, ua: "jixiao-zhushou" });
    this.config.autoReconnect = false;
  }

  private get internals(): SdkInternals {
    return this as unknown as SdkInternals;
  }

  override async getEndpoint(): Promise<this> {
    const res = await fetch(`${this.apiBase.replace(/\/+$/, "")}/v1.0/gateway/connections/open`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({
        clientId: this.config.clientId,
        clientSecret: this.config.clientSecret,
        ua: this.config.ua,
        subscriptions: this.config.subscriptions,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json().catch(() => ({}))) as { endpoint?: string; ticket?: string };
    if (!res.ok || !body.endpoint || !body.ticket) {
      throw new Error(`gateway connections/open failed: HTTP ${res.status}`);
    }
    this.internals.dw_url = `${body.endpoint}?ticket=${encodeURIComponent(body.ticket)}`;
    return this;
  }

  override async _connect(): Promise<void> {
    await super._connect();
    const socket = this.internals.socket;
    this.lastSeenAt = Date.now();
    const seen = () => (this.lastSeenAt = Date.now());
    socket?.on("message", seen);
    socket?.on("pong", seen);
  }

  /** The SDK JSON.parses frames inside the socket's listener: a bad frame would crash the process. */
  override onDownStream(data: string): void {
    try {
      super.onDownStream(data);
    } catch (err) {
      this.log?.warn({ err, frame: String(data).slice(0, 200) }, "dingtalk stream frame ignored");
    }
  }

  override onSystem(downstream: DWClientDownStream): void {
    super.onSystem(downstream);
    if (downstream.headers?.topic === "disconnect") this.onServerDisconnect?.();
  }

  get socketState(): number | undefined {
    return this.internals.socket?.readyState;
  }

  ping(): void {
    const s = this.internals.socket;
    if (s?.readyState === WebSocket.OPEN) s.ping();
  }

  /** Forgets the current socket without letting its late events touch the client state. */
  dropSocket(): void {
    const s = this.internals.socket;
    if (!s) return;
    s.removeAllListeners();
    s.on("error", () => {}); // terminate() on a CONNECTING socket emits an error
    s.terminate();
    this.internals.socket = undefined;
    this.connected = false;
  }

  ack(messageId: string): boolean {
    try {
      this.socketCallBackResponse(messageId, { status: "SUCCESS" });
      return true;
    } catch {
      return false;
    }
  }
}

export interface StreamOptions {
  clientId: string;
  clientSecret: string;
  apiBase?: string;
  log: Logger;
  /** Records the message; the frame is acked when it resolves, left for redelivery when it throws. */
  onRobotData(data: string, frameMessageId: string): Promise<void>;
  watchdogIntervalMs?: number;
  staleMs?: number;
}

export interface StreamConnection {
  client: GatewayStreamClient;
  /** Resolves once the first connection attempt has finished (successful or not). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createStreamConnection(opts: StreamOptions): StreamConnection {
  const client = new GatewayStreamClient({ clientId: opts.clientId, clientSecret: opts.clientSecret }, opts.apiBase, opts.log);
  const intervalMs = opts.watchdogIntervalMs ?? 5_000;
  // Silent for six pings: the connection is half-open (30 s with the default 5 s interval).
  const staleMs = opts.staleMs ?? intervalMs * 6;
  let timer: NodeJS.Timeout | undefined;
  let connecting: Promise<void> | undefined;

  // Record (milliseconds: one insert-or-ignore), then ack, then the pipeline works. A frame we could
  // not record is left unacked so DingTalk delivers it again.
  client.registerCallbackListener(TOPIC_ROBOT, (frame: DWClientDownStream) => {
    const id = frame.headers.messageId;
    opts.onRobotData(frame.data, id).then(
      () => client.ack(id) || opts.log.warn({ id }, "dingtalk stream ack failed; expecting a redelivery"),
      (err) => opts.log.error({ err, id }, "dingtalk robot message not recorded; left unacked for redelivery"),
    );
  });

  const reconnect = (why: string) => {
    if (connecting) return connecting;
    if (why === "server sent disconnect") opts.log.info({ why }, "dingtalk stream reconnecting");
    else if (why !== "start") opts.log.warn({ why }, "dingtalk stream reconnecting");
    client.dropSocket();
    connecting = client.connect().finally(() => (connecting = undefined));
    return connecting;
  };

  client.onServerDisconnect = () => void reconnect("server sent disconnect");

  const tick = () => {
    if (connecting) return;
    const state = client.socketState;
    if (state !== WebSocket.OPEN) return void reconnect(state === undefined ? "no socket" : `socket state ${state}`);
    if (Date.now() - client.lastSeenAt > staleMs) return void reconnect("silent socket");
    client.ping();
  };

  return {
    client,
    async start() {
      timer = setInterval(tick, intervalMs);
      timer.unref();
      await reconnect("start");
      if (client.socketState === WebSocket.OPEN) opts.log.info("dingtalk stream connected");
      else opts.log.warn("dingtalk stream not connected yet; the watchdog keeps trying");
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await connecting?.catch(() => {});
      client.disconnect();
      client.dropSocket();
    },
  };
}
