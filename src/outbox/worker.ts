// Delivers due outbox rows through the platform senders. One tick claims a batch, sends messages to
// different recipients in parallel and messages to one recipient in order (a split reply arrives in
// its order), and records the outcome. It ticks on a timer and immediately when `kick()`ed after an
// enqueue. Retryable failures back off exponentially with jitter; after `maxAttempts` the row is
// marked failed and logged.
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import { backoffDelay, defaultBackoff, type BackoffPolicy } from "./backoff.js";
import { PermanentError, RetryableError } from "./errors.js";
import { RateLimiter, feishuRateLimits, type RateLimits } from "./rate-limiter.js";
import { claimDue, markFailed, markRetry, markSent, renewLease, type ClaimedMessage } from "./store.js";
import type { Sender } from "./types.js";

export interface WorkerOptions {
  pollMs?: number;
  batchSize?: number;
  /** How long a claimed row stays ours before another instance may retry it. */
  leaseMs?: number;
  maxAttempts?: number;
  /** A send that has not answered by then counts as a retryable failure (keep it below leaseMs). */
  sendTimeoutMs?: number;
  backoff?: BackoffPolicy;
  rateLimits?: RateLimits;
  now?: () => Date;
}

export class OutboxWorker {
  private readonly senders: Map<string, { sender: Sender; limiter: RateLimiter }>;
  private readonly opts: Required<Omit<WorkerOptions, "rateLimits">>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(
    private readonly db: Database,
    senders: Sender[],
    private readonly log: Logger,
    options: WorkerOptions = {},
  ) {
    this.opts = {
      pollMs: options.pollMs ?? 1_000,
      batchSize: options.batchSize ?? 50,
      leaseMs: options.leaseMs ?? 60_000,
      maxAttempts: options.maxAttempts ?? 8,
      sendTimeoutMs: options.sendTimeoutMs ?? 20_000,
      backoff: options.backoff ?? defaultBackoff,
      now: options.now ?? (() => new Date()),
    };
    const limits = options.rateLimits ?? feishuRateLimits;
    this.senders = new Map(senders.map((s) => [s.platform, { sender: s, limiter: new RateLimiter(limits) }]));
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.kick();
  }

  /** Stops ticking and waits for the batch in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Tick now (after an enqueue), or right after the tick in progress. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.loop().finally(() => {
      this.running = undefined;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.kick();
      } else {
        this.timer = setTimeout(() => this.kick(), this.opts.pollMs);
      }
    });
  }

  /** Claims and sends until nothing is due; returns how many attempts were made. */
  async runOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await claimDue(this.db, {
        now: this.opts.now(),
        leaseMs: this.opts.leaseMs,
        platforms: [...this.senders.keys()],
        limit: this.opts.batchSize,
      });
      total += batch.length;
      await Promise.all(groupByRecipient(batch, (m) => this.orderKey(m)).map((g) => this.sendInOrder(g)));
      if (batch.length < this.opts.batchSize || this.stopped) return total;
    }
  }

  private async loop(): Promise<void> {
    try {
      await this.runOnce();
    } catch (err) {
      this.log.error({ err }, "outbox tick failed");
    }
  }

  /** Messages to one recipient go out in order: the sender's recipient key, else the target itself. */
  private orderKey(m: ClaimedMessage): string {
    return `${m.platform}:${this.senders.get(m.platform)?.sender.rateKey?.(m.target) ?? JSON.stringify(m.target)}`;
  }

  private async sendInOrder(messages: ClaimedMessage[]): Promise<void> {
    for (const m of messages) await this.sendOne(m);
  }

  private async sendOne(m: ClaimedMessage): Promise<void> {
    const entry = this.senders.get(m.platform);
    if (!entry) return; // not claimed: claimDue filters by our platforms
    try {
      await entry.limiter.acquire(entry.sender.rateKey?.(m.target));
      const leaseUntil = new Date(this.opts.now().getTime() + this.opts.leaseMs);
      if (!(await renewLease(this.db, m, leaseUntil))) {
        this.log.info({ outboxId: m.id }, "outbox row taken over by another worker while it waited; skipped");
        return;
      }
      const { externalId } = await withTimeout(
        entry.sender.send(m.target, m.payload, m.idempotencyKey),
        this.opts.sendTimeoutMs,
      );
      await markSent(this.db, m.id, externalId, this.opts.now());
    } catch (err) {
      await this.recordFailure(m, err);
    }
  }

  private async recordFailure(m: ClaimedMessage, err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    const permanent = err instanceof PermanentError;
    if (permanent || m.attempts >= this.opts.maxAttempts) {
      this.log.error({ outboxId: m.id, key: m.idempotencyKey, attempts: m.attempts, err: message }, "outbox gave up");
      await markFailed(this.db, m.id, message);
      return;
    }
    if (!(err instanceof RetryableError)) this.log.warn({ outboxId: m.id, err }, "unexpected send error, retrying");
    const retryAfter = err instanceof RetryableError ? err.retryAfterMs : undefined;
    const delay = backoffDelay(m.attempts, this.opts.backoff, retryAfter);
    this.log.info({ outboxId: m.id, attempts: m.attempts, delay, err: message }, "outbox retry scheduled");
    await markRetry(this.db, m.id, message, new Date(this.opts.now().getTime() + delay));
    if (!this.stopped) setTimeout(() => this.kick(), delay).unref();
  }
}

/** A hanging platform call must not stall the worker; the platform's idempotency key covers a late success. */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RetryableError(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function groupByRecipient<T>(items: T[], key: (t: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return [...groups.values()];
}
