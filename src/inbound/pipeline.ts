// "Ack first, then process" for inbound platform messages, shared by every channel:
//   receive(msg) → insert-or-ignore (InboundEvent) → the channel acks the platform → later:
//   claim → bot.handle(msg, commit): the turn's changes, its replies (outbox rows) and the row marked
//   done commit in ONE transaction; a transient database error rolls all of it back and the turn is
//   tried again (the bot a few times at once, then here with longer pauses while the lease lasts).
// receive() passes an admission gate (admission.ts): under overload it throws Overloaded (→ 503)
// at once instead of holding the platform's request.
// Reply idempotency keys are derived from the platform message id and the reply's index, so a
// reprocessed message (crash, lease expiry) can never send a reply twice. Messages of one user are
// processed one after another (a "确认" must not overtake the report it confirms).
import type { Bot, IncomingMessage, Platform, Reply } from "../conversation/types.js";
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import { insertOutgoing, type Outbox } from "../outbox/index.js";
import { Abandoned, inTransaction, isTransientDbError } from "../db/transaction.js";
import { createAdmission, type Admission, type AdmissionOptions } from "./admission.js";
import { createTurnSlots } from "./turn-slots.js";
import { createGroupCommit } from "./group-commit.js";
import { claimForProcessing, findUnfinished, isStillWaiting, markDone, markEventFailed, releaseClaim } from "./store.js";
import { sanitiseIncoming } from "../conversation/sanitize.js";

export interface InboundPipelineOptions {
  platform: Platform;
  db: Database;
  bot: Bot;
  outbox: Outbox;
  log: Logger;
  /** How long a processor owns a message before a crash is assumed (default 2 min). */
  leaseMs?: number;
  /** Processing attempts before a message is given up (default 3). */
  maxAttempts?: number;
  /** How often unfinished rows are looked for (default 30 s). */
  recoverEveryMs?: number;
  /** Turns processed at once (default 1 on PGlite, 4 on PostgreSQL; turn-slots.ts gives the door priority). */
  maxConcurrentTurns?: number;
  /** Bounds on inserts waiting at the door (admission.ts); ignored when `door` is given. */
  admission?: AdmissionOptions;
  /**
   * The process's one door, shared by every channel and by the outbox (main.ts), so turns and
   * deliveries give way to requests arriving on any channel. Default: a door of this pipeline's own.
   */
  door?: Admission;
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
  /** Requests answered 503 by admission control so far. */
  readonly shed: number;
}

export function replyKey(platform: Platform, messageId: string, index: number): string {
  return `${platform}:${messageId}:${index}`;
}

export function createInboundPipeline(o: InboundPipelineOptions): InboundPipeline {
  const log = o.log.child({ mod: "inbound", platform: o.platform });
  const now = o.now ?? (() => new Date());
  const leaseMs = o.leaseMs ?? 120_000;
  const maxAttempts = o.maxAttempts ?? 3;
  const admission = o.door ?? createAdmission(o.admission);
  // Acks before turns (turn-slots.ts), on both engines: turns are JavaScript on this event loop, and
  // on PGlite also SQL on this thread. The door writes through its own connections with group
  // commit (group-commit.ts, Database.doorQuery).
  const slots = createTurnSlots(o.maxConcurrentTurns ?? (o.db.engine === "pglite" ? 1 : 4), admission);
  // One insert at a time (group-commit.ts says why); the door pool's second PostgreSQL connection
  // is a spare for when the first one breaks.
  const recorder = createGroupCommit(o.db);
  const inFlight = new Set<Promise<unknown>>();
  const userQueues = new Map<string, Promise<unknown>>();
  /** Rows waiting or running in this process: the recovery sweep leaves them alone. */
  const queued = new Set<number>();
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;

  /** A message waiting for its sender's earlier one is tried again this often, this many times. */
  const WAIT_MS = 100;
  const WAIT_TRIES = 50;

  function schedule(id: number, msg: IncomingMessage, waited = 0): void {
    if (stopped) return;
    queued.add(id);
    const previous = userQueues.get(msg.externalUserId) ?? Promise.resolve();
    // A slot starts from setImmediate: the channel's ack goes out before the work starts
    const run = previous.then(() => slots.run(() => process(id, msg, waited)));
    userQueues.set(msg.externalUserId, run);
    inFlight.add(run);
    void run.then((again) => {
      inFlight.delete(run);
      if (!again) queued.delete(id);
      if (userQueues.get(msg.externalUserId) === run) userQueues.delete(msg.externalUserId);
    });
  }

  /** Resolves true when the message was put back to wait (it stays "queued here"). */
  async function process(id: number, msg: IncomingMessage, waited: number): Promise<boolean> {
    let attempt: number | undefined;
    const giveUpAt = Date.now() + leaseMs / 2; // transient failures are retried while the lease is safely ours
    for (let pause = 500; ; pause = Math.min(pause * 2, 5_000)) {
      try {
        if (stopped) return false;
        if (attempt === undefined) {
          attempt = await claimForProcessing(o.db, id, now(), leaseMs);
          if (attempt === undefined) {
            // Refused because the sender's earlier message is unfinished: concurrent webhook requests
            // can insert A before B yet schedule B first. Wait for A briefly (it is usually right
            // behind in this queue or finishing elsewhere) instead of leaving B to the 30 s recovery.
            if (waited < WAIT_TRIES && (await isStillWaiting(o.db, id))) {
              setTimeout(() => (stopped ? queued.delete(id) : schedule(id, msg, waited + 1)), WAIT_MS).unref();
              return true;
            }
            return false; // otherwise another instance has it, or it is done
          }
          if (attempt > maxAttempts) {
            log.error({ messageId: msg.messageId, attempt }, "inbound message given up after repeated failures");
            await markEventFailed(o.db, id, now());
            return false;
          }
        }
        await answer(id, attempt, msg);
        return false;
      } catch (err) {
        const transient = isTransientDbError(err);
        if (transient && !stopped && Date.now() + pause < giveUpAt) {
          log.warn({ err, messageId: msg.messageId, pauseMs: pause }, "database unavailable; the message waits");
          await new Promise((r) => setTimeout(r, pause));
          continue;
        }
        if (err instanceof Abandoned) log.warn({ messageId: msg.messageId }, err.message);
        else log.error({ err, messageId: msg.messageId }, "inbound processing failed; left for recovery");
        if (transient && attempt !== undefined) await releaseClaim(o.db, id, attempt).catch(() => {});
        return false;
      }
    }
  }

  /** One turn; its replies and the row's completion commit with it (bot.handle's `commit`). */
  async function answer(id: number, attempt: number, msg: IncomingMessage): Promise<void> {
    let committed = false;
    const commit = async (tx: Database, replies: Reply[]) => {
      if (stopped) throw new Abandoned("stopping: the message is left for whoever recovers it");
      // The reply address the channel captured at receive time (stored with the message).
      const outgoing = replies.map((payload, i) => ({
        idempotencyKey: replyKey(o.platform, msg.messageId, i),
        platform: o.platform,
        target: msg.replyTo,
        payload,
      }));
      const t = now();
      if (outgoing.length) await insertOutgoing(tx.prisma, outgoing, t);
      if (!(await markDone(tx, id, attempt, t))) throw new Abandoned("lease lost: another processor has this message");
      committed = true;
    };
    const replies = await o.bot.handle(msg, commit);
    // A Bot that does not take part in the transaction (test doubles): commit its answer here.
    if (!committed) await inTransaction(o.db, (tx) => commit(tx, replies));
    o.outbox.kick();
  }

  async function recover(): Promise<number> {
    const rows = (await findUnfinished(o.db, o.platform, now())).filter((r) => !queued.has(r.id));
    for (const r of rows) schedule(r.id, r.message);
    if (rows.length) log.info({ count: rows.length }, "recovering unfinished inbound messages");
    return rows.length;
  }

  return {
    get shed() {
      return admission.shed;
    },
    async receive(raw) {
      // NUL, lone surrogates, over-long text and impossible timestamps never reach the database.
      const msg = sanitiseIncoming(raw, now());
      if (!msg) {
        log.warn({ messageId: raw.messageId }, "inbound message without a usable id ignored");
        return false;
      }
      // Scheduling is part of the admitted work: an insert that lands after its request was
      // answered 503 is still processed (the redelivery is then acked as a duplicate).
      const id = await admission.run(async () => {
        const inserted = await recorder.record(msg);
        if (inserted !== undefined) schedule(inserted, msg);
        return inserted;
      });
      if (id === undefined) {
        log.info({ messageId: msg.messageId }, "duplicate delivery ignored");
        return false;
      }
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
