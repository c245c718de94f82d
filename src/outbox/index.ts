// The persistent outbox every outgoing message goes through: enqueue (insert-or-ignore by
// idempotency key, so nothing is sent twice) and a worker that delivers, retries and recovers.
// Platform-neutral: each messenger plugs in a Sender (src/outbox/types.ts).
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import { insertOutgoing } from "./store.js";
import type { OutgoingMessage, Sender } from "./types.js";
import { OutboxWorker, type WorkerOptions } from "./worker.js";

export { OutcomeUnknownError, PermanentError, RetryableError } from "./errors.js";
export type { Json, MessageKind, OutgoingMessage, RateBucket, Sender, SendContext } from "./types.js";
export { insertOutgoing } from "./store.js";
export { listUndelivered, requeue, undeliveredCounts, type UndeliveredMessage } from "./admin.js";
export { DEFAULT_RETRY_HORIZON_MS } from "./worker.js";

export interface Outbox {
  /** Stores messages (duplicates by idempotencyKey are ignored) and wakes the worker. */
  enqueue(messages: OutgoingMessage[]): Promise<void>;
  /** Wake the worker (after rows were inserted in a caller's own transaction). */
  kick(): void;
  /** The outbox's wall clock (delivery and retries run on real time, never on BOT_NOW). */
  now(): Date;
  start(): void;
  stop(): Promise<void>;
  /** Delivers everything due now; for tests and scripts. */
  runOnce(): Promise<number>;
}

export interface OutboxOptions extends WorkerOptions {
  db: Database;
  senders: Sender[];
  log: Logger;
}

export function createOutbox({ db, senders, log, ...options }: OutboxOptions): Outbox {
  const now = options.now ?? (() => new Date());
  const worker = new OutboxWorker(db, senders, log.child({ mod: "outbox" }), options);
  return {
    enqueue: async (messages) => {
      if (messages.length === 0) return;
      await insertOutgoing(db.prisma, messages, now());
      worker.kick();
    },
    kick: () => worker.kick(),
    now,
    start: () => worker.start(),
    stop: () => worker.stop(),
    runOnce: () => worker.runOnce(),
  };
}
