// Bounded turn concurrency, and acks before turns. A webhook's 200 waits for its message to be
// recorded; turns compete with it for the event loop (every turn is JavaScript between queries:
// parsing, Prisma's query building, rendering) and, on PGlite, for the one session (a turn's
// open transaction holds it, so the door's insert waits for its COMMIT). Measured before
// this rule (scripts/bench-ack.ts): PostgreSQL ack p99 1.8–6.8× a bare express handler, PGlite
// 12×; a 50 ev/s burst on PGlite held acks 17–27 s (scripts/bench-burst.ts).
// So a turn starts only when a slot is free, always from a fresh macrotask (setImmediate), and —
// with a door — not while requests are arriving, within two bounds that keep turns progressing
// under sustained load: once the door has been busy for `graceMs`, one turn may start every
// `shareMs`, and no turn waits longer than `maxMs`. A burst of a second or so is acked first whole.

import { giveWay } from "../util/give-way.js";

export interface TurnSlots {
  run<T>(work: () => Promise<T>): Promise<T>;
}

/** What the slots ask the door (inbound/admission.ts). */
export interface YieldToDoor {
  /** True while requests are at the door or one arrived moments ago. */
  busy: () => boolean;
  /** performance.now() when the current busy period began (meaningful while busy). */
  busySince: () => number;
  /** Poll interval while waiting (default 20 ms). */
  stepMs?: number;
  /** Longest a turn waits for the door (default 2,000 ms). */
  maxMs?: number;
  /** The first part of a busy period that belongs to the door alone (default 1,000 ms). */
  graceMs?: number;
  /** After graceMs, one turn starts per this many ms while the door stays busy (default 250 ms: ≥ 4 turns/s). */
  shareMs?: number;
}

export function createTurnSlots(limit: number, door?: YieldToDoor): TurnSlots {
  const stepMs = door?.stepMs ?? 20;
  const maxMs = door?.maxMs ?? 2_000;
  const graceMs = door?.graceMs ?? 1_000;
  const shareMs = door?.shareMs ?? 250;
  let busy = 0;
  let lastStart = -Infinity;
  const waiting: Array<() => void> = [];
  const release = () => {
    busy--;
    const next = waiting.shift();
    if (next) {
      busy++;
      setImmediate(next);
    }
  };
  /** May a turn start now although the door is busy? Its share of a long busy period is due. */
  const shareDue = (t: number) => t - door!.busySince() >= graceMs && t - lastStart >= shareMs;
  return {
    async run(work) {
      if (busy < limit) {
        busy++;
        await new Promise((r) => setImmediate(r));
      } else {
        await new Promise<void>((r) => waiting.push(r));
      }
      if (door) await giveWay(() => door.busy() && !shareDue(performance.now()), maxMs, stepMs);
      lastStart = performance.now();
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}
