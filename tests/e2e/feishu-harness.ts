// Wires the real Feishu channel, the real outbox and inbound pipeline and a bot (default: the real
// conversation core) to a fake Feishu (Open API + long connection) and a database, the way
// src/main.ts does, with fast timers. Also builds the events Feishu would send (from the SDK-typed
// fixtures), signed and encrypted.
import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fixedClock } from "../../src/clock.js";
import { createBot } from "../../src/conversation/bot.js";
import type { Bot } from "../../src/conversation/types.js";
import type { Database } from "../../src/db/client.js";
import { silentLogger, type Logger } from "../../src/logger.js";
import { createHttpServer } from "../../src/http/server.js";
import { createOutbox, type Outbox } from "../../src/outbox/index.js";
import { createAdmission } from "../../src/inbound/admission.js";
import { createFeishuChannel, createFeishuContactSource, createFeishuSender, WEBHOOK_PATH, type FeishuChannel } from "../../src/platforms/feishu/index.js";
import { createTurnPorts } from "../../src/turn-ports.js";
import { encryptPayload, signatureOf } from "../../src/platforms/feishu/verify.js";
import {
  cardActionEvent,
  envelope,
  mention,
  messageEvent,
  type CardActionEnvelope,
  type FeishuMention,
  type MessageContent,
  type MessageEnvelope,
  type UrlVerification,
} from "../fixtures/feishu-events.js";
import { FakeFeishuOpenApi } from "./fakes/feishu-openapi.js";
import { FakeFeishuLongConnection } from "./fakes/feishu-ws.js";

export const APP = { appId: "cli_a1b2c3d4e5f60718", appSecret: "secret-不要外传", encryptKey: "ek-test-加密", verificationToken: "vt-123" };
/** The bot's business clock: the seeded 2021 goal table is "this year" then. */
export const BOT_NOW = "2021-11-15T10:00:00+08:00";

export type Mention = FeishuMention;

/** The bot's open_id in the fake (FakeFeishuOpenApi.botOpenId) and a group @ of it. */
export const BOT_MENTION: Mention = mention("@_user_1", "ou_bot", "绩效助手");

/**
 * A message event of the real shape (tests/fixtures/feishu-events.ts): `text` by default, or any
 * other `kind`; in a group the text is prefixed with the mention keys (default: @ the bot), and the
 * mentions go where Feishu puts them — message.mentions.
 */
export function messageEnvelope(p: {
  text?: string;
  kind?: MessageContent;
  openId: string;
  messageId?: string;
  eventId?: string;
  chatType?: "p2p" | "group";
  appId?: string;
  mentions?: Mention[];
  thread?: boolean;
}): MessageEnvelope {
  const group = p.chatType === "group";
  const mentions = p.mentions ?? (group ? [BOT_MENTION] : []);
  const prefix = mentions.map((m) => `${m.key} `).join("");
  const kind: MessageContent = p.kind ?? { message_type: "text", content: { text: `${prefix}${p.text ?? ""}` } };
  const event = messageEvent(kind, { openId: p.openId, chatType: p.chatType, messageId: p.messageId, mentions, thread: p.thread });
  return envelope(event, { eventType: "im.message.receive_v1", token: APP.verificationToken, appId: p.appId ?? APP.appId, eventId: p.eventId });
}

export function cardActionEnvelope(p: { openId: string; value: Record<string, unknown>; messageId: string; form?: { button: string; values: Record<string, string> } }): CardActionEnvelope {
  return envelope(cardActionEvent(p), { eventType: "card.action.trigger", token: APP.verificationToken, appId: APP.appId });
}

/** The HTTP request Feishu sends: encrypted body, signed over the raw bytes. */
export function signedRequest(envelope: MessageEnvelope | CardActionEnvelope | UrlVerification, opts: { encryptKey?: string; signature?: string } = {}) {
  const key = opts.encryptKey ?? APP.encryptKey;
  const body = JSON.stringify({ encrypt: encryptPayload(key, JSON.stringify(envelope)) });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomUUID();
  const headers = {
    "content-type": "application/json",
    "x-lark-request-timestamp": timestamp,
    "x-lark-request-nonce": nonce,
    "x-lark-signature": opts.signature ?? signatureOf(timestamp, nonce, key, body),
  };
  return { headers, body };
}

export interface FeishuHarness {
  api: FakeFeishuOpenApi;
  ws?: FakeFeishuLongConnection;
  channel: FeishuChannel;
  outbox: Outbox;
  eventsUrl?: string;
  /** The webhook HTTP server (webhook mode). */
  server?: Server;
  post(envelope: MessageEnvelope | CardActionEnvelope | UrlVerification, opts?: { encryptKey?: string; signature?: string }): Promise<Response>;
  /** Stops the app (channel, outbox, http); the fakes go too unless `andFakes` is false. */
  close(andFakes?: boolean, graceMs?: number): Promise<void>;
}

export interface HarnessOptions {
  db: Database;
  mode: "webhook" | "ws";
  bot?: Bot;
  /** Reuse running fakes (a second app instance after a "crash"). */
  api?: FakeFeishuOpenApi;
  ws?: FakeFeishuLongConnection;
  inbound?: { leaseMs?: number; recoverEveryMs?: number };
  log?: Logger;
  /** FEISHU_DEPARTMENT_MAP: Feishu department id → section code. */
  departmentMap?: Record<string, string>;
}

export async function startFeishuHarness(p: HarnessOptions): Promise<FeishuHarness> {
  const api = p.api ?? (await new FakeFeishuOpenApi(APP).start());
  const ws = p.mode === "ws" ? (p.ws ?? new FakeFeishuLongConnection(api)) : undefined;
  const log = p.log ?? silentLogger;
  const config = {
    FEISHU_APP_ID: APP.appId,
    FEISHU_APP_SECRET: APP.appSecret,
    FEISHU_MODE: p.mode,
    FEISHU_ENCRYPT_KEY: APP.encryptKey,
    FEISHU_VERIFICATION_TOKEN: APP.verificationToken,
    FEISHU_DOMAIN: api.base,
    FEISHU_DEPARTMENT_MAP: p.departmentMap,
  };
  const sender = createFeishuSender(config, log);
  // As src/main.ts wires it: one door, which turns and the outbox give way to.
  const door = createAdmission();
  const outbox = createOutbox({ db: p.db, senders: [sender], log, pollMs: 50, backoff: { baseMs: 30, maxMs: 200 }, giveWayTo: door });
  const services = { db: p.db, log, clock: fixedClock(BOT_NOW) };
  // As src/main.ts wires it: the contact directory (FEISHU_DEPARTMENT_MAP) is offered to the user directory.
  const contactSources = [createFeishuContactSource(config, sender)].filter((s) => s !== undefined);
  const bot = p.bot ?? createBot({ ...services, ports: createTurnPorts({ db: p.db, log, contactSources }) });
  const channel = createFeishuChannel({ config, services, bot, outbox, sender, inbound: { door, ...p.inbound } });
  let server: Server | undefined;
  let eventsUrl: string | undefined;
  if (channel.router) {
    // The production HTTP server (JSON 404/errors, listen errors surfaced), as src/main.ts mounts it.
    server = await createHttpServer({ log, routers: [channel.router] }).listen(0, "127.0.0.1");
    eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${WEBHOOK_PATH}`;
  }
  outbox.start();
  await channel.start();
  return {
    api,
    ws,
    channel,
    outbox,
    eventsUrl,
    server,
    post: (envelope, opts) => {
      const { headers, body } = signedRequest(envelope, opts);
      return fetch(eventsUrl!, { method: "POST", headers, body });
    },
    async close(andFakes = true, graceMs?: number) {
      await channel.stop(graceMs);
      await outbox.stop();
      server?.closeAllConnections();
      await new Promise((r) => (server ? server.close(r) : r(undefined)));
      if (andFakes) {
        ws?.closeAll();
        await api.stop();
      }
    },
  };
}
