// Wires the real DingTalk channel, the real outbox and inbound pipeline and a bot to a FakeDingTalk
// and a database, the way src/main.ts does, with fast timers.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Bot } from "../../src/conversation/types.js";
import type { Database } from "../../src/db/client.js";
import { createLogger, silentLogger } from "../../src/logger.js";
import { createHttpServer } from "../../src/http/server.js";
import { createOutbox, type Outbox } from "../../src/outbox/index.js";
import { fixedClock } from "../../src/clock.js";
import { createBot } from "../../src/conversation/bot.js";
import { createTurnPorts } from "../../src/turn-ports.js";
import { createDingTalkChannel, createDingTalkContactSource, createDingTalkSender, type DingTalkChannel } from "../../src/platforms/dingtalk/index.js";
import { dingtalkSign } from "../../src/platforms/dingtalk/verify.js";
import { FakeDingTalk } from "./fakes/dingtalk.js";
import type { RobotMessage } from "../fixtures/dingtalk-messages.js";

export const APP = { clientId: "dingtestappkey0001", clientSecret: "test-secret-不要外传", robotCode: "dingtestrobot" };
/** The bot's business clock: the seeded 2021 goal table is "this year" then. */
export const BOT_NOW = "2021-11-15T10:00:00+08:00";
/** TEST_LOG=debug shows the channel's, pipeline's and outbox's logs when a test needs explaining. */
const log = process.env.TEST_LOG ? createLogger(process.env.TEST_LOG) : silentLogger;

export interface Harness {
  fake: FakeDingTalk;
  channel: DingTalkChannel;
  outbox: Outbox;
  /** http mode: where DingTalk would POST the callbacks */
  eventsUrl?: string;
  /** Posts a robot message the way DingTalk's HTTP callback does (timestamp + sign headers); `raw` sends junk instead. */
  post(body: RobotMessage | undefined, opts?: { timestamp?: number; secret?: string; raw?: string }): Promise<Response>;
  close(): Promise<void>;
}

/** `bot` defaults to the real conversation core on the business clock. */
export async function startHarness(p: {
  db: Database;
  bot?: Bot;
  mode: "stream" | "http";
  staleMs?: number;
  watchdogIntervalMs?: number;
  /** DINGTALK_DEPARTMENT_MAP: DingTalk dept_id → section code. */
  departmentMap?: Record<string, string>;
}): Promise<Harness> {
  const fake = await new FakeDingTalk(APP).start();
  const config = {
    DINGTALK_CLIENT_ID: APP.clientId,
    DINGTALK_CLIENT_SECRET: APP.clientSecret,
    DINGTALK_ROBOT_CODE: APP.robotCode,
    DINGTALK_MODE: p.mode,
    DINGTALK_API_BASE: fake.base,
    DINGTALK_DEPARTMENT_MAP: p.departmentMap,
  };
  const sender = createDingTalkSender(config);
  const outbox = createOutbox({
    db: p.db,
    senders: [sender],
    log,
    pollMs: 50,
    backoff: { baseMs: 30, maxMs: 200 },
  });
  const services = { db: p.db, log, clock: fixedClock(BOT_NOW) };
  // As src/main.ts wires it: the contact directory (DINGTALK_DEPARTMENT_MAP) is offered to the user directory.
  const contactSources = [createDingTalkContactSource(config, sender)].filter((s) => s !== undefined);
  const bot = p.bot ?? createBot({ ...services, ports: createTurnPorts({ db: p.db, log, contactSources }) });
  const channel = createDingTalkChannel({ config, services, bot, outbox, watchdogIntervalMs: p.watchdogIntervalMs ?? 100, staleMs: p.staleMs ?? 5_000 });
  let server: Server | undefined;
  let eventsUrl: string | undefined;
  if (channel.router) {
    // The production HTTP server (JSON 404/errors, listen errors surfaced), as src/main.ts mounts it.
    server = await createHttpServer({ log, routers: [channel.router] }).listen(0, "127.0.0.1");
    eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dingtalk/events`;
  }
  outbox.start();
  await channel.start();
  // DingTalk's sign covers only the timestamp, and a (timestamp, sign) pair is accepted for one body
  // (replay-guard.ts): distinct messages get distinct milliseconds, as DingTalk's own would.
  let lastTimestamp = 0;
  return {
    fake,
    channel,
    outbox,
    eventsUrl,
    post: (body, opts = {}) => {
      const timestamp = String(opts.timestamp ?? (lastTimestamp = Math.max(Date.now(), lastTimestamp + 1)));
      return fetch(eventsUrl!, {
        method: "POST",
        headers: { "content-type": "application/json", timestamp, sign: dingtalkSign(timestamp, opts.secret ?? APP.clientSecret) },
        body: opts.raw ?? JSON.stringify(body),
      });
    },
    async close() {
      await channel.stop();
      await outbox.stop();
      server?.closeAllConnections();
      await new Promise((r) => (server ? server.close(r) : r(undefined)));
      await fake.stop();
    },
  };
}
