// What a Sender throws, so the outbox knows whether to try again. Anything else thrown by a sender
// (a bug, an unexpected response) is treated as retryable until the retry horizon ends it.

/** Try again later: 429, 5xx, a refused connection, an expired token — the message did not go out. */
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

/**
 * The request may have reached the platform but no answer came (timeout, connection reset after
 * the request was written). Where the platform de-duplicates this is an ordinary retry; where it
 * cannot, the outbox's at-most-once rules decide (docs/delivery.md).
 */
export class OutcomeUnknownError extends RetryableError {
  constructor(message: string) {
    super(message);
    this.name = "OutcomeUnknownError";
  }
}

/** Trying again cannot help: bad receiver, message too large after splitting, no permission. */
export class PermanentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentError";
  }
}
