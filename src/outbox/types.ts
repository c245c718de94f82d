// The outbox's contract with each messenger. The outbox stores `target` and `payload` as JSON and
// never looks inside: each platform's Sender knows what they mean (Feishu: receive_id + Reply;
// DingTalk: staffId or sessionWebhook + Reply).
import type { Platform } from "../conversation/types.js";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Sender {
  readonly platform: Platform;
  /**
   * Delivers one outbox row. `idempotencyKey` is stable across retries and instances: pass it to
   * the platform's own de-duplication when there is one (Feishu `uuid`).
   * Throws RetryableError / PermanentError (src/outbox/errors.ts).
   */
  send(target: Json, payload: Json, idempotencyKey: string): Promise<{ externalId?: string }>;
  /** The recipient, for the per-user rate limit (e.g. open_id or chat_id); undefined = none. */
  rateKey?(target: Json): string | undefined;
}

export interface OutgoingMessage {
  /** Same key = same message: enqueueing it again is a no-op, so nothing is sent twice. */
  idempotencyKey: string;
  platform: Platform;
  target: Json;
  payload: Json;
  /** Earliest send time (default: now). */
  notBefore?: Date;
}
