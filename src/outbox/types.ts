// The outbox's contract with each messenger, typed on the message contract (src/messages.ts): a row's
// target is a ReplyAddress and its payload a Reply, both stored as JSON. The outbox never looks
// inside them to send: each platform's Sender knows what an address means (Feishu: receive_id;
// DingTalk: staffId or sessionWebhook). Only the recipient queue key (src/outbox/order-key.ts)
// reads the recipient fields of a target.
import type { Platform, Reply, ReplyAddress } from "../messages.js";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A reply may be re-sent once when its outcome is unknown; a reminder is sent at most once. */
export type MessageKind = "reply" | "reminder";

/** One token bucket a send draws from: `perSecond` tokens refill per second, burst = perSecond. */
export interface RateBucket {
  key: string;
  perSecond: number;
}

/** What the worker tells a sender about the row beyond target and payload. */
export interface SendContext {
  /** What this sender saved on earlier attempts of this row (null: nothing). */
  progress: Json;
  /** Stores bookkeeping for later attempts, e.g. which parts of a split reply were delivered. */
  saveProgress(progress: Json): Promise<void>;
}

export interface Sender {
  readonly platform: Platform;
  /**
   * True when the platform de-duplicates by our idempotency key (Feishu `uuid`): a send whose
   * outcome is unknown is then simply retried. False/absent: the at-most-once rules apply
   * (docs/delivery.md).
   */
  readonly deduplicates?: boolean;
  /**
   * Delivers one outbox row. `idempotencyKey` is stable across retries and instances: pass it to
   * the platform's own de-duplication when there is one (Feishu `uuid`).
   * Throws RetryableError / PermanentError / OutcomeUnknownError (src/outbox/errors.ts).
   */
  send(target: ReplyAddress, payload: Reply, idempotencyKey: string, ctx?: SendContext): Promise<{ externalId?: string }>;
  /** The recipient, for the per-user rate limit (e.g. open_id or chat_id); undefined = none. */
  rateKey?(target: ReplyAddress): string | undefined;
  /** The platform limits this send draws from (shared by every instance through the database). */
  rateBuckets?(target: ReplyAddress): RateBucket[];
  /**
   * After an attempt whose outcome is unknown: can the platform confirm the row was delivered
   * (DingTalk: the read-status API for the processQueryKeys in `progress`)? Never throws for
   * "cannot tell" — answers "unknown".
   */
  confirmDelivered?(target: ReplyAddress, payload: Reply, progress: Json): Promise<"delivered" | "unknown">;
}

export interface OutgoingMessage {
  /** Same key = same message: enqueueing it again is a no-op, so nothing is sent twice. */
  idempotencyKey: string;
  platform: Platform;
  target: ReplyAddress;
  payload: Reply;
  /** Default "reply". */
  kind?: MessageKind;
  /** Earliest send time (default: now). */
  notBefore?: Date;
}
