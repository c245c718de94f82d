// The long-connection receiver (Feishu "使用长连接接收事件"): no public URL needed, usual on a
// government intranet. The SDK's WSClient first POSTs {domain}/callback/ws/endpoint, then speaks
// protobuf pbbp2.Frame over a WebSocket. It acks a frame only after our handler returns (the ack
// carries the handler's result, base64 JSON — that is how a card action's {toast, card} gets back),
// so the message handler only persists and returns; processing follows in the inbound pipeline.
// Two live clients of one app split the events between them: close with force on stop.
import * as lark from "@larksuiteoapi/node-sdk";
import type { Logger } from "../../logger.js";
import { CARD_ACTION, handleEvent, MESSAGE_RECEIVED, type FeishuEventHandlers } from "./event-handlers.js";
import { sdkLogger, type FeishuCredentials } from "./api.js";

/** WSClient.start() silently does nothing for an app id of another shape. */
export const WS_APP_ID = /^cli_[0-9a-fA-F]{16}$/;

export interface LongConnection {
  /** Connects; resolves once connected or after `readyTimeoutMs` (reconnecting in the background). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Connected now (the SDK's onReady / onReconnecting / onReconnected / onError). */
  readonly up: boolean;
}

export interface LongConnectionOptions {
  credentials: FeishuCredentials;
  handlers: FeishuEventHandlers;
  log: Logger;
  readyTimeoutMs?: number;
}

export function createLongConnection(o: LongConnectionOptions): LongConnection {
  const { appId, appSecret, domain } = o.credentials;
  const logger = sdkLogger(o.log);
  let ready: () => void = () => {};
  let up = false;
  const client = new lark.WSClient({
    appId,
    appSecret,
    domain: domain ?? lark.Domain.Feishu,
    logger,
    loggerLevel: lark.LoggerLevel.info,
    onReady: () => {
      up = true;
      ready();
    },
    onReconnecting: () => void (up = false),
    onReconnected: () => void (up = true),
    onError: (err) => {
      up = false;
      o.log.error({ err }, "feishu long connection gave up");
    },
  });
  // The SDK flattens header and event into one object: {event_id, app_id, …, sender, message}.
  const fromOurApp = (data: { app_id?: string }) => !data.app_id || data.app_id === appId;
  const dispatcher = new lark.EventDispatcher({ logger, loggerLevel: lark.LoggerLevel.warn }).register({
    // `data` has the SDK's own type for this event (header fields flattened next to sender/message).
    [MESSAGE_RECEIVED]: async (data) =>
      fromOurApp(data) ? handleEvent(MESSAGE_RECEIVED, data, o.handlers) : undefined,
    [CARD_ACTION]: async (data: { app_id?: string }) =>
      fromOurApp(data) ? handleEvent(CARD_ACTION, data, o.handlers) : undefined,
  });

  return {
    get up() {
      return up;
    },
    async start() {
      if (!WS_APP_ID.test(appId)) throw new Error(`FEISHU_APP_ID must look like cli_ + 16 hex digits for the long connection (got ${appId})`);
      const connected = new Promise<void>((resolve) => {
        ready = resolve;
      });
      await client.start({ eventDispatcher: dispatcher });
      const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), o.readyTimeoutMs ?? 10_000).unref());
      if ((await Promise.race([connected, timeout])) === "timeout") {
        o.log.warn("feishu long connection not ready yet; retrying in the background");
      } else {
        o.log.info("feishu long connection ready");
      }
    },
    async stop() {
      up = false;
      client.close({ force: true });
    },
  };
}
