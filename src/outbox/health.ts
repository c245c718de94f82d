// The outbox's line in the health endpoint's details: how many messages failed for good and how
// many have an unknown outcome. Bounded by a short timeout so a slow database never holds the probe.
import type { Database } from "../db/client.js";
import { undeliveredCounts } from "./admin.js";
import { withTimeout } from "../util/timeout.js";

export interface OutboxHealth {
  failed: number;
  unknown: number;
}

/** Counts, or undefined when the database did not answer within `timeoutMs`. */
export async function outboxHealth(db: Database, timeoutMs = 1_000): Promise<OutboxHealth | undefined> {
  return withTimeout(undeliveredCounts(db), timeoutMs, () => new Error("outbox counts timed out")).catch(() => undefined);
}
