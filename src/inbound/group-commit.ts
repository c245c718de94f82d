// Group commit for the inbound door. Each webhook's 200 waits for its message to be durably
// recorded; one INSERT + commit per request makes a burst pay one round trip and one WAL flush per
// message, queued behind each other on the door's connection. Here one insert runs at a time, and
// every message that arrives meanwhile goes into the next one (one statement, one commit): no timer,
// so a lone message is written at once and a burst is written in a few batches. Never two at once:
// two statements in flight may commit in either order, and ids would no longer follow arrival (a
// sender's 确认 could get a lower id than the report it confirms).
// The guarantee is unchanged — a caller's promise resolves only after the statement holding its
// message has committed.
import type { IncomingMessage } from "../messages.js";
import type { Database } from "../db/client.js";
import { isTransientDbError } from "../db/transaction.js";
import { recordReceivedMany } from "./store.js";

export interface GroupCommitOptions {
  /** Messages per statement at most (default 200; a statement's parameters stay small). */
  maxBatch?: number;
}

export interface GroupCommit {
  /** The new row's id, or undefined when the message was seen before. Rejects when it was not recorded. */
  record(msg: IncomingMessage): Promise<number | undefined>;
}

interface Waiting {
  msg: IncomingMessage;
  resolve(id: number | undefined): void;
  reject(err: unknown): void;
}

export function createGroupCommit(db: Database, o: GroupCommitOptions = {}): GroupCommit {
  const maxBatch = o.maxBatch ?? 200;
  const queue: Waiting[] = [];
  let writing = false;

  async function write(batch: Waiting[]): Promise<void> {
    try {
      const ids = await recordReceivedMany(db, batch.map((w) => w.msg));
      batch.forEach((w, i) => w.resolve(ids[i]));
    } catch (err) {
      // The database is away: none of them is recorded (one statement), each request answers 503.
      if (batch.length === 1 || isTransientDbError(err)) return batch.forEach((w) => w.reject(err));
      // One message the database refuses must not take the others down: each on its own.
      await Promise.all(
        batch.map((w) => recordReceivedMany(db, [w.msg]).then((ids) => w.resolve(ids[0]), (e: unknown) => w.reject(e))),
      );
    }
  }

  function pump(): void {
    if (writing || queue.length === 0) return;
    writing = true;
    void write(queue.splice(0, maxBatch)).finally(() => {
      writing = false;
      pump();
    });
  }

  return {
    record(msg) {
      return new Promise((resolve, reject) => {
        queue.push({ msg, resolve, reject });
        pump();
      });
    },
  };
}
