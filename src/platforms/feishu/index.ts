// The Feishu/Lark channel: webhook (POST /feishu/events) or long connection (FEISHU_MODE), both
// ending in the shared inbound pipeline (persist by message_id → ack → bot.handle → replies into
// the outbox) and, for card buttons, bot.handleAction answered within 3 s.
// Replies leave through FeishuSender, which the composition root gives to the outbox: create it
// with createFeishuSender() before the outbox, then this channel with the outbox.
// Transport decisions (signature timestamps, receivedAt) use the wall clock, never the business
// clock: BOT_NOW may pin the bot to 2021 while Feishu signs with today's time.
import type { Router } from "express";
import { systemClock, type Clock } from "../../clock.js";
import type { Config } from "../../config.js";
import type { Bot, IncomingMessage } from "../../conversation/types.js";
import { createInboundPipeline, type InboundPipeline, type InboundPipelineOptions } from "../../inbound/index.js";
import type { Logger } from "../../logger.js";
import type { Outbox } from "../../outbox/index.js";
import type { Services } from "../../services.js";
import type { Channel } from "../channel.js";
import { answerCardAction } from "./card-actions.js";
import type { FeishuEventHandlers } from "./event-handlers.js";
import { createLongConnection } from "./long-connection.js";
import type { FeishuCredentials } from "./sdk.js";
import { FeishuSender, type FeishuTarget } from "./sender.js";
import { createWebhookRouter } from "./webhook.js";

export { FeishuSender, type FeishuTarget } from "./sender.js";
export { WEBHOOK_PATH } from "./webhook.js";

type FeishuConfig = Pick<
  Config,
  "FEISHU_APP_ID" | "FEISHU_APP_SECRET" | "FEISHU_MODE" | "FEISHU_ENCRYPT_KEY" | "FEISHU_VERIFICATION_TOKEN" | "FEISHU_DOMAIN"
>;

function credentials(config: FeishuConfig): FeishuCredentials {
  if (!config.FEISHU_APP_ID || !config.FEISHU_APP_SECRET) throw new Error("Feishu needs FEISHU_APP_ID and FEISHU_APP_SECRET");
  return { appId: config.FEISHU_APP_ID, appSecret: config.FEISHU_APP_SECRET, domain: config.FEISHU_DOMAIN };
}

export function createFeishuSender(config: FeishuConfig, log: Logger): FeishuSender {
  return new FeishuSender(credentials(config), log.child({ mod: "feishu-sender" }));
}

/** Replies go where the message came from: the user for a p2p chat, the group otherwise. */
export function replyTarget(msg: IncomingMessage): FeishuTarget {
  return msg.chatType === "p2p"
    ? { receive_id_type: "open_id", receive_id: msg.externalUserId }
    : { receive_id_type: "chat_id", receive_id: msg.chatId };
}

export interface FeishuChannelOptions {
  config: FeishuConfig;
  services: Pick<Services, "db" | "log">;
  bot: Bot;
  outbox: Outbox;
  /** Tests: a wall clock of their own, faster lease and recovery. */
  wallClock?: Clock;
  inbound?: Pick<InboundPipelineOptions, "recoverEveryMs" | "leaseMs">;
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
  const pipeline = createInboundPipeline({
    platform: "feishu",
    db: o.services.db,
    bot: o.bot,
    outbox: o.outbox,
    log,
    replyTarget,
    ...o.inbound,
  });
  const handlers: FeishuEventHandlers = {
    receive: (msg) => pipeline.receive(msg),
    answerCardAction: (action) => answerCardAction(action, { bot: o.bot, outbox: o.outbox, log }),
    now: () => wallClock.now(),
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
      await pipeline.start();
      await connection?.start();
      log.info({ mode: o.config.FEISHU_MODE }, "feishu channel started");
    },
    async stop(graceMs?: number) {
      await connection?.stop();
      await pipeline.stop(graceMs);
    },
    idle: () => pipeline.idle(),
  };
}
