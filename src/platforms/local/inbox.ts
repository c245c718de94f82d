// The web chat's inbox: what the outbox delivered to each demo user (reminders, escalations — the
// messages a messenger would push), kept in this server's memory for the page to fetch
// (GET /api/local/inbox). The web chat is a channel like the others: these messages reach it only
// through the outbox (sender.ts), with the outbox's ordering, retries and once-only delivery.
// Memory, not a table: the web chat is the local trial; a restart starts an empty inbox (rows the
// outbox already marked sent are not shown again, pending ones are delivered on the next start).
import type { Reply } from "../../conversation/types.js";

export interface InboxMessage {
  /** Increases by one per delivery across all users: the page asks for everything after its last. */
  seq: number;
  userId: number;
  /** Wall-clock time of delivery (ISO). */
  at: string;
  reply: Reply;
}

/** Per user, older messages beyond this are dropped (a page open for weeks must not grow without bound). */
export const INBOX_KEEP_PER_USER = 200;

export class LocalInbox {
  private seq = 0;
  private readonly byUser = new Map<number, InboxMessage[]>();
  /** Idempotency keys already delivered: a retried send is not shown twice. */
  private readonly seen = new Set<string>();
  private readonly listeners = new Set<() => void>();

  /** Stores one delivered message; a key delivered before is ignored. Returns its sequence number. */
  deliver(userId: number, idempotencyKey: string, reply: Reply, at: Date = new Date()): number {
    if (this.seen.has(idempotencyKey)) return this.seq;
    this.seen.add(idempotencyKey);
    const list = this.byUser.get(userId) ?? [];
    list.push({ seq: ++this.seq, userId, at: at.toISOString(), reply });
    if (list.length > INBOX_KEEP_PER_USER) list.splice(0, list.length - INBOX_KEEP_PER_USER);
    this.byUser.set(userId, list);
    for (const notify of this.listeners) notify();
    return this.seq;
  }

  /** Messages with seq > `after`, oldest first, optionally for one user only. */
  since(after: number, userId?: number): InboxMessage[] {
    const lists = userId === undefined ? [...this.byUser.values()] : [this.byUser.get(userId) ?? []];
    return lists.flatMap((l) => l.filter((m) => m.seq > after)).sort((a, b) => a.seq - b.seq);
  }

  /** The newest sequence number (0: nothing delivered yet). */
  last(): number {
    return this.seq;
  }

  /** Called after every delivery; returns the unsubscribe function. */
  onDeliver(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
