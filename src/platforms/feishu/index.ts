// The Feishu/Lark channel: webhook (POST /feishu/events) or long connection (FEISHU_MODE), both
// ending in the shared inbound pipeline (persist by message_id → ack → bot.handle → replies into
// the outbox) and, for card buttons, bot.handleAction answered within 3 s.
// Replies leave through FeishuSender, which the composition root gives to the outbox: create it
// with createFeishuSender() before the outbox, then this channel with the outbox.
// Transport decisions (signature timestamps, receivedAt) use the wall clock, never the business
// clock: BOT_NOW may pin the bot to 2021 while Feishu signs with today's time.
// On start the channel learns the bot's own open_id (groups: only an @ of the bot counts). With
// FEISHU_DEPARTMENT_MAP set, createFeishuContactSource offers the contact directory to the user
// directory (users/directory.ts), which binds unknown senders inside the turn's identity step.
import type { Router } from "express";
import { systemClock, type Clock } from "../../clock.js";
import type { Config } from "../../config.js";
import type { Bot } from "../../conversation/types.js";
import { createInboundPipeline, type InboundPipeline, type InboundPipelineOptions } from "../../inbound/index.js";
import type { Logger } from "../../logger.js";
import type { Outbox } from "../../outbox/index.js";
import type { Services } from "../../services.js";
import type { Channel } from "../channel.js";
import { answerCardAction } from "./card-actions.js";
import { createBotIdentity } from "./bot-info.js";
import type { FeishuEventHandlers } from "./event-handlers.js";
import { createFeishuContactSource as contactSource } from "./contact-source.js";
import type { ContactSource } from "../contact-source.js";
import { createLongConnection } from "./long-connection.js";
import { createFeishuApi, type FeishuCredentials } from "./api.js";
import { FeishuSender } from "./sender.js";
import { createWebhookRouter } from "./webhook.js";

export { FeishuSender, type FeishuTarget } from "./sender.js";

const CARD_SETUP =
  "feishu card buttons arrive as card.action.trigger: subscribe to it under 事件与回调 → 回调配置 and leave the old 消息卡片请求网址 empty (its schema-less, sha1-signed callbacks are refused with HTTP 400)";
export { WEBHOOK_PATH } from "./webhook.js";

type FeishuConfig = Pick<
  Config,
  "FEISHU_APP_ID" | "FEISHU_APP_SECRET" | "FEISHU_MODE" | "FEISHU_ENCRYPT_KEY" | "FEISHU_VERIFICATION_TOKEN" | "FEISHU_DOMAIN"
> &
  Partial<Pick<Config, "FEISHU_DEPARTMENT_MAP" | "FEISHU_QPS" | "FEISHU_USER_QPS">>;

function credentials(config: FeishuConfig): FeishuCredentials {
  if (!config.FEISHU_APP_ID || !config.FEISHU_APP_SECRET) throw new Error("Feishu needs FEISHU_APP_ID and FEISHU_APP_SECRET");
  return { appId: config.FEISHU_APP_ID, appSecret: config.FEISHU_APP_SECRET, domain: config.FEISHU_DOMAIN };
}

export function createFeishuSender(config: FeishuConfig, log: Logger): FeishuSender {
  const limits = { perApp: config.FEISHU_QPS ?? 50, perRecipient: config.FEISHU_USER_QPS ?? 5 };
  return new FeishuSender(credentials(config), log.child({ mod: "feishu-sender" }), limits);
}

/** The contact directory as a ContactSource, when FEISHU_DEPARTMENT_MAP maps departments to sections. */
export function createFeishuContactSource(config: FeishuConfig, sender: FeishuSender): ContactSource | undefined {
  return config.FEISHU_DEPARTMENT_MAP ? contactSource({ api: sender.api, departmentMap: config.FEISHU_DEPARTMENT_MAP }) : undefined;
}

export interface FeishuChannelOptions {
  config: FeishuConfig;
  services: Pick<Services, "db" | "log">;
  bot: Bot;
  outbox: Outbox;
  /** The outbox's Feishu sender: its Open API client (and token cache) is used for bot info. */
  sender?: FeishuSender;
  /** Tests: a wall clock of their own, faster lease and recovery. */
  wallClock?: Clock;
  inbound?: Pick<InboundPipelineOptions, "recoverEveryMs" | "leaseMs" | "door">;
}

export interface FeishuChannel extends Channel {
  pipeline: InboundPipeline;
  /** `graceMs`: how long to wait for messages in progress (default 10 s). */
  stop(graceMs?: number): Promise<void>;
  /** Resolves when no inbound message is being processed (tests, scripts). */
  idle(): Promise<void>;
}

export function createFeishuChannel(o: FeishuChannelOptions): FeishuChannel {
  const c = credentials(o.config);
  const log = o.services.log.child({ mod: "feishu" });
  const wallClock = o.wallClock ?? systemClock;
  const api = o.sender?.api ?? createFeishuApi(c, log);
  const botIdentity = createBotIdentity({ api, log });

  const pipeline = createInboundPipeline({
    platform: "feishu",
    db: o.services.db,
    bot: o.bot,
    outbox: o.outbox,
    log,
    ...o.inbound,
  });
  const handlers: FeishuEventHandlers = {
    receive: (msg) => pipeline.receive(msg),
    answerCardAction: (action) => answerCardAction(action, { bot: o.bot, outbox: o.outbox, log }),
    now: () => wallClock.now(),
    botOpenId: () => botIdentity.openId(),
    log,
  };
  const webhook = o.config.FEISHU_MODE === "webhook";
  const router: Router | undefined = webhook
    ? createWebhookRouter({
        ...handlers,
        secrets: { appId: c.appId, encryptKey: o.config.FEISHU_ENCRYPT_KEY, verificationToken: o.config.FEISHU_VERIFICATION_TOKEN },
      })
    : undefined;
  const connection = webhook ? undefined : createLongConnection({ credentials: c, handlers, log });

  return {
    name: "feishu",
    router,
    pipeline,
    async start() {
      await botIdentity.start();
      await pipeline.start();
      await connection?.start();
      log.info({ mode: o.config.FEISHU_MODE }, "feishu channel started");
      // The old card request URL cannot be detected from here; say once what the console needs (README: 卡片按钮).
      log.info(CARD_SETUP);
    },
    async stop(graceMs?: number) {
      botIdentity.stop();
      await connection?.stop();
      await pipeline.stop(graceMs);
    },
    idle: () => pipeline.idle(),
    status: () => (connection ? { up: connection.up, detail: "long connection" } : { up: true, detail: "webhook" }),
  };
}

