// What a Sender throws, so the outbox knows whether to try again. Anything else thrown by a sender
// (a bug, an unexpected response) is treated as retryable: the attempt cap still ends it.

/** Try again later: 429, 5xx, network errors, an expired token. */
export class RetryableError extends Error {
  constructor(
    message: string,
    /** The platform said when to come back (Feishu `x-ogw-ratelimit-reset`, seconds → ms). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "RetryableError";
  }
}

/** Trying again cannot help: bad receiver, message too large after splitting, no permission. */
export class PermanentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentError";
  }
}
