// Delivers due outbox rows through the platform senders. One tick claims the head of each
// recipient queue (src/outbox/store.ts), sends to different recipients in parallel, and records
// the outcome; it ticks on a timer and immediately when `kick()`ed after an enqueue.
// Retryable failures back off exponentially with jitter, capped, until the retry horizon (default
// 6 h from the row's creation) has passed; then the row fails and is logged. Where the platform
// cannot de-duplicate, a send whose outcome is unknown is not blindly repeated (docs/delivery.md).
import { withTimeout } from "../util/timeout.js";
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import { backoffDelay, defaultBackoff, type BackoffPolicy } from "./backoff.js";
import { OutcomeUnknownError, PermanentError, RetryableError } from "./errors.js";
import { DatabaseRateLimiter, defaultBuckets, feishuRateLimits, type RateLimits } from "./rate-limiter.js";
import { beginSend, claimDue, markFailed, markRetry, markSent, markUnknown, saveProgress, type ClaimedMessage } from "./store.js";
import type { Sender } from "./types.js";
import { giveWay } from "../util/give-way.js";

export const DEFAULT_RETRY_HORIZON_MS = 6 * 3600_000;

export interface WorkerOptions {
  pollMs?: number;
  batchSize?: number;
  /** How long a claimed row stays ours before another instance may retry it. */
  leaseMs?: number;
  /** Retries go on until this long after the row was created; then it fails (default 6 h). */
  retryHorizonMs?: number;
  /** A send that has not answered by then has an unknown outcome (keep it below leaseMs). */
  sendTimeoutMs?: number;
  backoff?: BackoffPolicy;
  /** Limits for senders that declare no rate buckets of their own. */
  rateLimits?: RateLimits;
  now?: () => Date;
  /**
   * The webhook door (inbound/admission.ts): while requests are arriving, a tick waits (≤ 2 s) before
   * it claims, so a burst's acks — which Feishu wants within 3 s — come before replies to earlier ones.
   */
  giveWayTo?: { busy(): boolean };
}

export class OutboxWorker {
  private readonly senders: Map<string, Sender>;
  private readonly limiter: DatabaseRateLimiter;
  private readonly opts: Required<Omit<WorkerOptions, "giveWayTo">>;
  private readonly door: WorkerOptions["giveWayTo"];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  /** stop() was called: a run in progress ends after its batch (runOnce without start() runs dry). */
  private stopRequested = false;

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
      retryHorizonMs: options.retryHorizonMs ?? DEFAULT_RETRY_HORIZON_MS,
      sendTimeoutMs: options.sendTimeoutMs ?? 20_000,
      backoff: options.backoff ?? defaultBackoff,
      rateLimits: options.rateLimits ?? feishuRateLimits,
      now: options.now ?? (() => new Date()),
    };
    this.door = options.giveWayTo;
    this.senders = new Map(senders.map((s) => [s.platform, s]));
    this.limiter = new DatabaseRateLimiter(db);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopRequested = false;
    this.kick();
  }

  /** Stops ticking and waits for the batch in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopRequested = true;
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
      const door = this.door;
      if (door) await giveWay(() => door.busy() && !this.stopRequested, 2_000);
      const batch = await claimDue(this.db, {
        now: this.opts.now(),
        leaseMs: this.opts.leaseMs,
        platforms: [...this.senders.keys()],
        limit: this.opts.batchSize,
      });
      total += batch.length;
      // One head per recipient queue is claimed, so the batch goes out in parallel.
      await Promise.all(batch.map((m) => this.sendOne(m)));
      // A sent head frees the next message of its queue: claim again until nothing is due.
      if (batch.length === 0 || this.stopRequested) return total;
    }
  }

  private async loop(): Promise<void> {
    try {
      await this.runOnce();
    } catch (err) {
      this.log.error({ err }, "outbox tick failed");
    }
  }

  private async sendOne(m: ClaimedMessage): Promise<void> {
    const sender = this.senders.get(m.platform);
    if (!sender) return; // not claimed: claimDue filters by our platforms
    try {
      let resend = false;
      if (m.sendStartedAt && !sender.deduplicates) {
        const decision = await this.decideInDoubt(sender, m);
        if (decision !== "resend") return;
        resend = true;
      }
      const recipient = sender.rateKey?.(m.target);
      await this.limiter.acquire(sender.rateBuckets?.(m.target) ?? defaultBuckets(m.platform, this.opts.rateLimits, recipient));
      const now = this.opts.now();
      if (!(await beginSend(this.db, m, new Date(now.getTime() + this.opts.leaseMs), now, resend))) {
        this.log.info({ outboxId: m.id }, "outbox row taken over by another worker while it waited; skipped");
        return;
      }
      const ctx = { progress: m.progress, saveProgress: (p: typeof m.progress) => saveProgress(this.db, m, p) };
      const { externalId } = await withTimeout(
        sender.send(m.target, m.payload, m.idempotencyKey, ctx),
        this.opts.sendTimeoutMs,
        // A hanging platform call must not stall the worker; its outcome is unknown (the request left).
        () => new OutcomeUnknownError(`no answer within ${this.opts.sendTimeoutMs} ms`),
      );
      await markSent(this.db, m, externalId, this.opts.now());
    } catch (err) {
      await this.recordFailure(m, sender, err);
    }
  }

  /**
   * An earlier attempt may have reached a platform that cannot de-duplicate. Delivered (the platform
   * confirms it) → sent. Otherwise a reminder is not repeated (status unknown); a reply is re-sent
   * once, and after a second unknown outcome it is not repeated either.
   */
  private async decideInDoubt(sender: Sender, m: ClaimedMessage): Promise<"done" | "resend"> {
    const verdict = (await sender.confirmDelivered?.(m.target, m.payload, m.progress).catch(() => "unknown" as const)) ?? "unknown";
    if (verdict === "delivered") {
      this.log.info({ outboxId: m.id }, "outbox: the platform confirms an earlier attempt was delivered");
      await markSent(this.db, m, undefined, this.opts.now());
      return "done";
    }
    if (m.kind === "reminder" || m.resentInDoubt >= 1) {
      const reason = `送达情况未知（${m.kind === "reminder" ? "提醒最多发送一次" : "回复已补发过一次"}），不再重发`;
      this.log.warn({ outboxId: m.id, key: m.idempotencyKey, recipient: this.recipient(m), kind: m.kind }, "outbox: outcome unknown, not repeated");
      await markUnknown(this.db, m, reason);
      return "done";
    }
    this.log.warn({ outboxId: m.id, recipient: this.recipient(m) }, "outbox: outcome unknown and not confirmable; re-sending the reply once");
    return "resend";
  }

  private recipient(m: ClaimedMessage): string | undefined {
    return this.senders.get(m.platform)?.rateKey?.(m.target);
  }

  private async recordFailure(m: ClaimedMessage, sender: Sender | undefined, err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    const now = this.opts.now();
    const retryAfter = err instanceof RetryableError ? err.retryAfterMs : undefined;
    const delay = backoffDelay(m.attempts, this.opts.backoff, retryAfter);
    const pastHorizon = now.getTime() + delay > m.createdAt.getTime() + this.opts.retryHorizonMs;
    if (err instanceof PermanentError || pastHorizon) {
      const reason = err instanceof PermanentError ? message : `retry horizon passed after ${m.attempts} attempts: ${message}`;
      this.log.error({ outboxId: m.id, key: m.idempotencyKey, platform: m.platform, recipient: this.recipient(m), attempts: m.attempts, reason }, "outbox: message failed for good");
      await markFailed(this.db, m, reason);
      return;
    }
    if (!(err instanceof RetryableError)) this.log.warn({ outboxId: m.id, err }, "unexpected send error, retrying");
    // A request that may have arrived stays "in doubt" where the platform cannot de-duplicate.
    const inDoubt = err instanceof OutcomeUnknownError && !sender?.deduplicates;
    this.log.info({ outboxId: m.id, attempts: m.attempts, delay, inDoubt, err: message }, "outbox retry scheduled");
    await markRetry(this.db, m, message, new Date(now.getTime() + delay), inDoubt);
    if (!this.stopped) setTimeout(() => this.kick(), delay).unref();
  }
}
