// The DingTalk channel: Stream mode (default; no public URL needed) or HTTP callbacks, both ending
// in the shared inbound pipeline (persist by msgId → ack → bot.handle → replies into the outbox).
// Replies leave through DingTalkSender, which the composition root gives to the outbox; create it
// with createDingTalkSender() before the outbox, then this channel with the outbox.
//
// Transport decisions (signature skew, sessionWebhook expiry) use the wall clock, never the
// business clock: BOT_NOW may pin the bot to 2021 while DingTalk signs with today's time.
import type { Router } from "express";
import WebSocket from "ws";
import { systemClock, type Clock } from "../../clock.js";
import type { Config } from "../../config.js";
import type { Bot } from "../../conversation/types.js";
import { createInboundPipeline, type InboundPipelineOptions } from "../../inbound/index.js";
import type { Outbox } from "../../outbox/index.js";
import type { Services } from "../../services.js";
import type { Channel } from "../channel.js";
import { oapiBase, uploadMedia } from "./media-upload.js";
import { createCallbackRouter } from "./webhook.js";
import { createDingTalkContactSource as contactSource } from "./contact-source.js";
import type { ContactSource } from "../contact-source.js";
import { DingTalkApi } from "./api.js";
import { normaliseRobotMessage, parseRobotMessage, type RobotMessage } from "./payload.js";
import { DingTalkSender, replyAddress } from "./sender.js";
import { checkCallbackPair, pruneCallbackPairs } from "./replay-guard.js";
import { trustedSessionWebhook } from "./session-webhook.js";
import { createStreamConnection, type StreamConnection } from "./long-connection.js";

export { DingTalkSender, replyAddress, staffTarget } from "./sender.js";

type DingTalkConfig = Pick<
  Config,
  "DINGTALK_CLIENT_ID" | "DINGTALK_CLIENT_SECRET" | "DINGTALK_ROBOT_CODE" | "DINGTALK_MODE" | "DINGTALK_API_BASE"
> &
  Partial<Pick<Config, "DINGTALK_QPS">>;

function credentials(config: DingTalkConfig) {
  const clientId = config.DINGTALK_CLIENT_ID;
  const clientSecret = config.DINGTALK_CLIENT_SECRET;
  if (!clientId || !clientSecret) throw new Error("DingTalk needs DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET");
  // For an enterprise-internal app the robot code is the app's AppKey unless configured otherwise.
  return { clientId, clientSecret, robotCode: config.DINGTALK_ROBOT_CODE ?? clientId, apiBase: config.DINGTALK_API_BASE };
}

/** The contact directory as a ContactSource, when DINGTALK_DEPARTMENT_MAP maps departments to sections. */
export function createDingTalkContactSource(config: Partial<Pick<Config, "DINGTALK_DEPARTMENT_MAP">>, sender: DingTalkSender): ContactSource | undefined {
  return config.DINGTALK_DEPARTMENT_MAP ? contactSource({ api: sender.api, departmentMap: config.DINGTALK_DEPARTMENT_MAP }) : undefined;
}

export function createDingTalkSender(config: DingTalkConfig, clock: Clock = systemClock): DingTalkSender {
  const c = credentials(config);
  const api = new DingTalkApi({ apiBase: c.apiBase, appKey: c.clientId, appSecret: c.clientSecret, robotCode: c.robotCode, clock });
  const uploadImage = (png: Buffer) => uploadMedia(oapiBase(c.apiBase), () => api.accessToken(), png);
  return new DingTalkSender(api, clock, { appKey: c.clientId, qps: config.DINGTALK_QPS ?? 20, uploadImage });
}

export interface DingTalkChannelOptions {
  config: DingTalkConfig;
  services: Pick<Services, "db" | "log" | "clock">;
  bot: Bot;
  outbox: Outbox;
  /** Tests: a wall clock of their own, faster watchdog and recovery. */
  wallClock?: Clock;
  watchdogIntervalMs?: number;
  staleMs?: number;
  inbound?: Pick<InboundPipelineOptions, "recoverEveryMs" | "leaseMs" | "door">;
}

export interface DingTalkChannel extends Channel {
  /** Stream mode only: the SDK client (tests watch its socket). */
  stream?: StreamConnection;
  /** Resolves when no inbound message is being processed (tests). */
  idle(): Promise<void>;
}

export function createDingTalkChannel(o: DingTalkChannelOptions): DingTalkChannel {
  const c = credentials(o.config);
  const log = o.services.log.child({ mod: "dingtalk" });
  const wallClock = o.wallClock ?? systemClock;
  const pipeline = createInboundPipeline({
    platform: "dingtalk",
    db: o.services.db,
    bot: o.bot,
    outbox: o.outbox,
    log,
    ...o.inbound,
  });

  /** Persists the message (false = a redelivery); the caller acks afterwards, processing follows. */
  const receive = async (raw: RobotMessage): Promise<void> => {
    const n = normaliseRobotMessage(raw, wallClock.now());
    if (n.kind === "ignored") return void log.debug({ msgId: raw.msgId, reason: n.reason }, "robot message ignored");
    const { replyContext: ctx, ...message } = n.message;
    // Replies are POSTed to sessionWebhook: only to DingTalk's host, else through the robot API.
    const trusted = ctx.sessionWebhook === undefined || trustedSessionWebhook(ctx.sessionWebhook, c.apiBase);
    if (!trusted) log.warn({ msgId: raw.msgId }, "sessionWebhook is not a DingTalk URL; replying through the robot API");
    await pipeline.receive({ ...message, replyTo: replyAddress(trusted ? ctx : { staffId: ctx.staffId }) });
  };

  const stream =
    o.config.DINGTALK_MODE === "stream"
      ? createStreamConnection({
          clientId: c.clientId,
          clientSecret: c.clientSecret,
          apiBase: c.apiBase,
          log,
          watchdogIntervalMs: o.watchdogIntervalMs,
          staleMs: o.staleMs,
          onRobotData: async (data, frameId) => {
            const raw = parseRobotMessage(data);
            if (!raw) return void log.warn({ frameId }, "stream frame is not a robot message");
            await receive(raw);
          },
        })
      : undefined;

  const router: Router | undefined =
    o.config.DINGTALK_MODE === "http"
      ? createCallbackRouter({
          appSecret: c.clientSecret,
          clock: wallClock,
          log,
          checkPair: (p) => checkCallbackPair(o.services.db, p),
          onRobotMessage: receive,
        })
      : undefined;

  let pruneTimer: NodeJS.Timeout | undefined;
  return {
    name: "dingtalk",
    router,
    stream,
    async start() {
      await pipeline.start();
      if (router) {
        // Seen signature pairs are needed for one skew window only (sign.ts MAX_SKEW_MS).
        const prune = () => void pruneCallbackPairs(o.services.db, wallClock.now()).catch((err) => log.warn({ err }, "pruning seen callback signatures failed"));
        prune();
        pruneTimer = setInterval(prune, 10 * 60_000).unref();
      }
      await stream?.start();
      log.info({ mode: o.config.DINGTALK_MODE }, "dingtalk channel started");
    },
    async stop() {
      clearInterval(pruneTimer);
      await stream?.stop();
      await pipeline.stop();
    },
    idle: () => pipeline.idle(),
    status: () => (stream ? { up: stream.client.socketState === WebSocket.OPEN, detail: "stream" } : { up: true, detail: "http callback" }),
  };
}
