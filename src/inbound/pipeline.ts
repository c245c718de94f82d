// "Ack first, then process" for inbound platform messages, shared by every channel:
//   receive(msg) → insert-or-ignore (InboundEvent) → the channel acks the platform → later:
//   claim → bot.handle(msg) → enqueue the replies and mark the row done in one transaction.
// Reply idempotency keys are derived from the platform message id and the reply's index, so a
// reprocessed message (crash, lease expiry) can never send a reply twice. Messages of one user are
// processed one after another (a "确认" must not overtake the report it confirms).
import type { Bot, IncomingMessage, Platform, Reply } from "../conversation/types.js";
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import { insertOutgoing, type Json, type Outbox } from "../outbox/index.js";
import { sanitiseIncoming } from "../conversation/sanitize.js";
import { claimForProcessing, findUnfinished, isStillWaiting, markDoneQuery, markFailed, recordReceived } from "./store.js";

export interface InboundPipelineOptions {
  platform: Platform;
  db: Database;
  bot: Bot;
  outbox: Outbox;
  log: Logger;
  /** Where replies to `msg` go, in this platform Sender's terms (stored as the outbox target). */
  replyTarget(msg: IncomingMessage): Json;
  /** How long a processor owns a message before a crash is assumed (default 2 min). */
  leaseMs?: number;
  /** Processing attempts before a message is given up (default 3). */
  maxAttempts?: number;
  /** How often unfinished rows are looked for (default 30 s). */
  recoverEveryMs?: number;
  now?: () => Date;
}

export interface InboundPipeline {
  /** Records the message; false when it was seen before (a redelivery). Processing follows later. */
  receive(msg: IncomingMessage): Promise<boolean>;
  /** Processes what a crash left behind; also runs periodically after start(). */
  recover(): Promise<number>;
  start(): Promise<void>;
  /** Stops scheduling and waits up to `graceMs` for messages in progress. */
  stop(graceMs?: number): Promise<void>;
  /** Resolves when nothing is in progress (tests, scripts). */
  idle(): Promise<void>;
}

const APOLOGY: Reply = { kind: "text", text: "抱歉，处理这条消息时出错了，请稍后再试。" };

export function replyKey(platform: Platform, messageId: string, index: number): string {
  return `${platform}:${messageId}:${index}`;
}

export function createInboundPipeline(o: InboundPipelineOptions): InboundPipeline {
  const log = o.log.child({ mod: "inbound", platform: o.platform });
  const now = o.now ?? (() => new Date());
  const leaseMs = o.leaseMs ?? 120_000;
  const maxAttempts = o.maxAttempts ?? 3;
  const inFlight = new Set<Promise<void>>();
  const userQueues = new Map<string, Promise<void>>();
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;

  /** A message waiting for its sender's earlier one is tried again this often, this many times. */
  const WAIT_MS = 100;
  const WAIT_TRIES = 50;

  function schedule(id: number, msg: IncomingMessage, waited = 0): void {
    if (stopped) return;
    const previous = userQueues.get(msg.externalUserId) ?? Promise.resolve();
    // setImmediate: the channel's ack goes out before the work starts
    const run = previous.then(() => new Promise((r) => setImmediate(r))).then(() => process(id, msg, waited));
    userQueues.set(msg.externalUserId, run);
    inFlight.add(run);
    void run.finally(() => {
      inFlight.delete(run);
      if (userQueues.get(msg.externalUserId) === run) userQueues.delete(msg.externalUserId);
    });
  }

  async function process(id: number, msg: IncomingMessage, waited: number): Promise<void> {
    try {
      if (stopped) return;
      const attempt = await claimForProcessing(o.db, id, now(), leaseMs);
      if (attempt === undefined) {
        // Refused because the sender's earlier message is unfinished: concurrent webhook requests
        // can insert A before B yet schedule B first. Wait for A briefly (it is usually right
        // behind in this queue or finishing elsewhere) instead of leaving B to the 30 s recovery.
        if (waited < WAIT_TRIES && (await isStillWaiting(o.db, id))) {
          setTimeout(() => schedule(id, msg, waited + 1), WAIT_MS).unref();
        }
        return; // otherwise another instance has it, or it is done
      }
      if (attempt > maxAttempts) {
        log.error({ messageId: msg.messageId, attempt }, "inbound message given up after repeated failures");
        await markFailed(o.db, id, now());
        return;
      }
      let replies: Reply[];
      try {
        replies = await o.bot.handle(msg);
      } catch (err) {
        log.error({ err, messageId: msg.messageId }, "bot.handle failed");
        replies = [APOLOGY];
      }
      if (stopped) return; // "crashed": leave the row to whoever recovers it
      const target = o.replyTarget(msg);
      const outgoing = replies.map((payload, i) => ({
        idempotencyKey: replyKey(o.platform, msg.messageId, i),
        platform: o.platform,
        target,
        payload: payload as unknown as Json,
      }));
      const t = now();
      await o.db.prisma.$transaction([insertOutgoing(o.db.prisma, outgoing, t), markDoneQuery(o.db, id, t)]);
      o.outbox.kick();
    } catch (err) {
      log.error({ err, messageId: msg.messageId }, "inbound processing failed; left for recovery");
    }
  }

  async function recover(): Promise<number> {
    const rows = await findUnfinished(o.db, o.platform, now());
    for (const r of rows) schedule(r.id, r.message);
    if (rows.length) log.info({ count: rows.length }, "recovering unfinished inbound messages");
    return rows.length;
  }

  return {
    async receive(raw) {
      // NUL, lone surrogates, over-long text and impossible timestamps never reach the database.
      const msg = sanitiseIncoming(raw, now());
      if (!msg) {
        log.warn({ messageId: raw.messageId }, "inbound message without a usable id ignored");
        return false;
      }
      const id = await recordReceived(o.db, msg);
      if (id === undefined) {
        log.info({ messageId: msg.messageId }, "duplicate delivery ignored");
        return false;
      }
      schedule(id, msg);
      return true;
    },
    recover,
    async start() {
      stopped = false;
      await recover();
      const every = o.recoverEveryMs ?? 30_000;
      const tick = () => {
        timer = setTimeout(() => {
          recover()
            .catch((err) => log.error({ err }, "inbound recovery failed"))
            .finally(() => !stopped && tick());
        }, every);
        timer.unref();
      };
      tick();
    },
    async stop(graceMs = 10_000) {
      stopped = true;
      clearTimeout(timer);
      const all = Promise.all([...inFlight]).then(() => undefined);
      await Promise.race([all, new Promise((r) => setTimeout(r, graceMs).unref())]);
    },
    async idle() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
  };
}
