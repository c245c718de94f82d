// Token buckets for the platforms' send limits. Feishu: 50/s (and 1000/min) per app, 5 QPS per
// user and per group; DingTalk has similar per-app limits. One limiter per process: several
// instances share the platform's budget, so the platform's 429 + backoff remains the backstop.

export interface RateLimits {
  /** Sends per second for the whole app. */
  perApp: number;
  /** Sends per second to one user or group. */
  perRecipient: number;
}

export const feishuRateLimits: RateLimits = { perApp: 50, perRecipient: 5 };

class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSec: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** Milliseconds until a token is available (0 = available now; nothing is taken then). */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.ratePerSec) * 1000);
  }

  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSec);
    this.updatedAt = now;
  }
}

export class RateLimiter {
  private readonly app: TokenBucket;
  private readonly recipients = new Map<string, TokenBucket>();

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.app = new TokenBucket(limits.perApp, limits.perApp, now());
  }

  /** Waits until both the app's and the recipient's bucket have a token, then takes them. */
  async acquire(recipient?: string): Promise<void> {
    for (;;) {
      const t = this.now();
      const bucket = recipient === undefined ? undefined : this.recipientBucket(recipient, t);
      const wait = Math.max(this.app.waitMs(t), bucket?.waitMs(t) ?? 0);
      if (wait === 0) {
        this.app.take(t);
        bucket?.take(t);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private recipientBucket(key: string, now: number): TokenBucket {
    let bucket = this.recipients.get(key);
    if (!bucket) {
      if (this.recipients.size > 10_000) this.recipients.clear(); // idle buckets are full anyway
      bucket = new TokenBucket(this.limits.perRecipient, this.limits.perRecipient, now);
      this.recipients.set(key, bucket);
    }
    return bucket;
  }
}
