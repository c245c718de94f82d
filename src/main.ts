// Composition root: settings → services (database, migrations, default data) → conversation core
// → channels (web chat, Feishu, DingTalk) → http → scheduler. Nothing registers itself on import.
import type { Router } from "express";
import { setFlagsFromString } from "node:v8";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig, secretValues, type Config } from "./config.js";
import { createLogger, type Logger } from "./logger.js";
import { openServices, type Services } from "./services.js";
import { isEmbedded, lockDataDir } from "./db/data-dir-lock.js";
import { createHttpServer } from "./http/server.js";
import { pruneDeliveryRecords } from "./db/retention.js";
import type { Channel } from "./platforms/channel.js";
import { createBot } from "./conversation/bot.js";
import { createTurnPorts } from "./turn-ports.js";
import { checkDepartmentMap } from "./users/directory.js";
import { parseMessage } from "./conversation/nlu/parse.js";
import { parseWithOptionalLlm } from "./conversation/nlu/llm-fallback.js";
import { createLocalChannel } from "./platforms/local/channel.js";
import { newAccessKey } from "./platforms/local/access-key.js";
import { LocalInbox } from "./platforms/local/inbox.js";
import { createLocalSender } from "./platforms/local/sender.js";
import { createOutbox, type Sender } from "./outbox/index.js";
import { createAdmission } from "./inbound/admission.js";
import { outboxHealth } from "./outbox/health.js";
import { dashboardWiring } from "./dashboard/wiring.js";
import type { DashboardPort } from "./conversation/ports.js";
import { checkReminderFiles, createReminderScheduler, reminderContext } from "./reminders/index.js";

/**
 * WebAssembly here is Prisma's query compiler (both engines) and PGlite's PostgreSQL. V8 first
 * compiles it with its baseline compiler (Liftoff) and re-compiles a function with TurboFan once it
 * has used up a tiering budget (default 1.8 M, "roughly bytes executed"); start-up alone (Prisma's schema parse, PGlite's start) crossed that for hundreds
 * of functions, and TurboFan's memory for them stayed in the process: ≈70 MB of a PostgreSQL
 * server's ≈200 MB at rest, and CPU taken from a 2-core start (issue 15; measured with
 * scripts/bench-start.ts). A budget ≈55× V8's default leaves start-up on the baseline code; a
 * function that stays hot is still optimised. Turn latency (scripts/bench-turn.ts) did not change
 * measurably on either engine. Set before any WebAssembly is compiled (the database opens after).
 */
function optimiseOnlyHotWebAssembly(): void {
  setFlagsFromString("--wasm-tiering-budget=100000000");
}

/** True when `dataDir` holds an embedded database already (PostgreSQL's PG_VERSION file), or is in memory. */
function hasDatabase(dataDir: string): boolean {
  return dataDir.startsWith("memory://") || existsSync(path.join(dataDir, "PG_VERSION")); // memory: nothing to keep
}

/**
 * A first start on an empty DATA_DIR: initdb, migrations and the default data run in a short-lived
 * process (src/prepare-data-dir.ts), so the memory that one-off work grows leaves with it. Same
 * settings (the environment), same log output; a failure there stops this start with its one-line reason.
 */
async function prepareDataDir(log: Logger): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  const entry = path.join(path.dirname(self), `prepare-data-dir${path.extname(self)}`); // .ts under tsx, .js from build/
  log.info("preparing a new embedded database (first start)");
  // stdout (its log) as ours; stderr kept for the reason of a failure; an IPC channel, so that the
  // child ends when this process does (it exits on 'disconnect').
  const child = spawn(process.execPath, [...process.execArgv, entry], { stdio: ["ignore", "inherit", "pipe", "ipc"], env: process.env });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (c) => resolve(c));
  });
  if (code !== 0) throw new Error(stderr.trim().split("\n").pop() || `preparing the embedded database failed (exit ${code})`);
}

/** The HTTP port once listening (PORT=0 picks one). */
let actualPort = 0;

async function main(): Promise<void> {
  // Every setting and settings file is checked before the database is opened or migrated.
  const config = loadConfig();
  checkReminderFiles();
  optimiseOnlyHotWebAssembly();
  const log = createLogger(config.LOG_LEVEL, { secrets: secretValues(config) });
  if (config.feishuWebhookInsecure) {
    log.error("FEISHU_WEBHOOK_INSECURE=1: Feishu webhook events are accepted WITHOUT signature or token — anyone who can reach /feishu/events can act as any user. Local experiments only.");
  }
  // The embedded database is this process's alone (src/db/data-dir-lock.ts): a second server on the
  // same DATA_DIR stops here with one line naming the first one's pid and port.
  if (isEmbedded(config) && !hasDatabase(config.dataDir)) await prepareDataDir(log);
  const lock = isEmbedded(config) ? lockDataDir(config.dataDir, config.PORT) : null;
  // The CLI's commands (src/http/admin.ts) are loaded only with the embedded database: on PostgreSQL
  // the CLI opens the database itself and the server never runs them. Imported before the database
  // opens, so the admin endpoint listens as soon after readiness as it did with a static import.
  const adminEndpoint = lock ? await import("./http/admin.js") : null;
  let services: Services;
  try {
    services = await openServices(config, { log, runningClock: true, settle: true });
  } catch (err) {
    lock?.release();
    throw err;
  }
  log.info({ engine: services.db.engine, now: services.clock.now().toISOString() }, "database ready");
  // Everything started is stopped in reverse order — on a signal, and also when start-up fails
  // half-way (a channel that cannot connect must not leave the database or the outbox open).
  const stops: Array<() => Promise<void>> = [async () => lock?.release(), () => services.close()];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch((err) => log.warn({ err }, "stop failed"));
  };
  try {
    const { dashboard } = await startApp(config, log, services, stops);
    if (lock && adminEndpoint) {
      // CLI commands run through this process while it owns the database (src/http/admin.ts); `ask`
      // then answers 看板 with this server's links, as the web chat does.
      const admin = await adminEndpoint.startAdminEndpoint({ ...services, dashboard }, config.dataDir);
      stops.push(admin.stop);
      lock.update({ port: actualPort, adminPort: admin.port });
    }
  } catch (err) {
    await stopAll();
    throw err;
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    await stopAll();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

async function startApp(config: Config, log: Logger, services: Services, stops: Array<() => Promise<void>>): Promise<{ dashboard: DashboardPort }> {
  const { db, clock } = services;
  // The dashboard (issue 14): /dashboard pages and the "看板" / official-table links (ports.dashboard).
  const dashboard = dashboardWiring(config, services, () => actualPort);
  // Messenger code is loaded only when that messenger is configured: the Lark SDK alone adds
  // ~0.6 s and tens of MB to a start that does not need it (measured, scripts/bench-start.ts).
  const dingtalk = config.dingtalkEnabled ? await import("./platforms/dingtalk/index.js") : null;
  const feishu = config.feishuEnabled ? await import("./platforms/feishu/index.js") : null;

  // Every outgoing message goes through the outbox; each messenger contributes its Sender.
  const senders: Sender[] = [];
  const dingtalkSender = dingtalk?.createDingTalkSender(config);
  if (dingtalkSender) senders.push(dingtalkSender);
  const feishuSender = feishu?.createFeishuSender(config, log);
  if (feishuSender) senders.push(feishuSender);
  // The web chat is a channel like the others: what the outbox sends it lands in the user's inbox.
  const localInbox = config.webChatEnabled ? new LocalInbox() : undefined;
  if (localInbox) senders.push(createLocalSender(localInbox));
  // One door for the process: every channel's webhook requests pass it, and turns and deliveries
  // give way while requests are arriving (acks first: Feishu wants its 200 within 3 s).
  const door = createAdmission();
  const outbox = createOutbox({ db, senders, log, retryHorizonMs: config.OUTBOX_RETRY_HORIZON, giveWayTo: door });

  // Unknown messenger accounts are bound from the messenger's contact directory (department maps).
  const contactSources = [
    feishuSender && feishu?.createFeishuContactSource(config, feishuSender),
    dingtalkSender && dingtalk?.createDingTalkContactSource(config, dingtalkSender),
  ].filter((s) => s !== undefined);
  for (const s of contactSources) await checkDepartmentMap(db, s, log);
  const ports = createTurnPorts({ db, log, contactSources, dashboard: dashboard.chat });
  // Rules first; the LLM only for what they cannot place, and only when LLM_BASE_URL + LLM_MODEL are set.
  const bot = createBot({ db, clock, log, ports, parse: parseWithOptionalLlm(parseMessage, config, log.child({ mod: "llm" })) });

  const channels: Channel[] = [];
  // Channels: web chat (local), Feishu, DingTalk — created here, started once http listens.
  const chatKey = newAccessKey(); // this start's web chat link (printed below, never logged)
  if (config.webChatEnabled) channels.push(createLocalChannel({ bot, db, clock, log: log.child({ mod: "local-chat" }), accessKey: chatKey, inbox: localInbox }));
  if (dingtalk) channels.push(dingtalk.createDingTalkChannel({ config, services, bot, outbox, inbound: { door } }));
  if (feishu) channels.push(feishu.createFeishuChannel({ config, services, bot, outbox, sender: feishuSender, inbound: { door } }));

  const routers = [...channels.flatMap((c): Router[] => (c.router ? [c.router] : [])), dashboard.router];
  const started = new Set<string>();
  const http = createHttpServer({
    log,
    routers,
    readiness: {
      pingDatabase: (ms) => db.ping(ms),
      channels: () =>
        Object.fromEntries(channels.map((c) => [c.name, started.has(c.name) ? (c.status?.() ?? { up: true }) : { up: false, detail: "not started" }])),
      // Messages that failed for good or have an unknown outcome (docs/delivery.md).
      details: async () => ({ outbox: await outboxHealth(db) }),
    },
  });
  const server = await http.listen(config.PORT, config.HOST);
  const bound = server.address();
  actualPort = typeof bound === "object" && bound ? bound.port : config.PORT; // the links' base port
  stops.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections(); // keep-alive sockets would hold close() open
        setTimeout(() => server.closeAllConnections(), 5000).unref();
      }),
  );
  // Stopped last: channels hand it their final replies. (Started below, after the server is ready.)
  stops.push(() => outbox.stop());
  for (const channel of channels) {
    await channel.start();
    started.add(channel.name);
    stops.push(() => channel.stop());
  }
  const reminders =
    config.REMINDERS === "on"
      ? createReminderScheduler({
          ctx: reminderContext(db, { messengers: { feishu: config.feishuEnabled, dingtalk: config.dingtalkEnabled, webChat: config.webChatEnabled } }),
          clock,
          log,
          cron: config.REMINDER_CRON,
          outbox,
        })
      : undefined;
  // Stopped before the outbox: its last tick's messages are queued, not lost.
  if (reminders) stops.push(() => reminders.stop());
  // Delivery bookkeeping older than 30 days goes, at start and every 6 hours (wall-clock time:
  // these rows are stamped by the delivery machinery, not by the business clock).
  const prune = () =>
    pruneDeliveryRecords(db, new Date()).then(
      (n) => (n.inbound || n.outbound ? log.info(n, "old delivery records pruned") : undefined),
      (err: unknown) => log.warn({ err }, "pruning delivery records failed"),
    );
  const pruneTimer = setInterval(() => void prune(), 6 * 3600_000).unref();
  stops.push(async () => clearInterval(pruneTimer));
  // Background work begins a second after the server is ready. Readiness and the acks need no ORM
  // (the door writes with raw SQL, Database.doorQuery), while Prisma's first query costs ≈ 0.3 s of
  // WebAssembly set-up and query compilation on this thread (issue 15: warm start ≤ 1 s). The
  // outbox's first tick, the reminder catch-up and the pruning then warm it before a person's first
  // turn usually arrives; a message that comes sooner simply pays it.
  let shuttingDown = false;
  stops.push(async () => void (shuttingDown = true)); // stops run in reverse: this one first
  setTimeout(() => {
    if (shuttingDown) return;
    outbox.start();
    reminders?.start();
    void prune();
    void db.prisma.goalTable.findFirst({ select: { id: true } }).catch(() => undefined); // warms the query engine
  }, 1_000).unref();
  http.ready();
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  log.info({ port, startupMs: Math.round(performance.now()) /* since the process started */, webChat: config.webChatEnabled }, "绩效助手 ready");
  if (config.webChatEnabled) {
    // The link is a credential (act as anyone): on the terminal only, not in the structured log.
    log.info("local web chat ready: open the link printed on the terminal (it changes on every start)");
    process.stderr.write(`\n  本地体验聊天 local web chat: http://127.0.0.1:${port}/?k=${chatKey}\n\n`);
  }
  return { dashboard: dashboard.chat };
}

main().catch((err: unknown) => {
  // Settings and start-up errors: one clear line, non-zero exit.
  process.stderr.write(`绩效助手 启动失败：${(err as Error).message ?? String(err)}\n`);
  process.exit(1);
});
