// Bounded turn concurrency. Turns compete with webhook acks for the event loop and the database:
// on PGlite every query runs synchronously in this thread, so unbounded concurrent turns chain
// query after query as microtasks and a webhook request waits behind all of them (a 50 ev/s burst
// held acks for 17–27 s, scripts/bench-burst.ts). A turn starts only when a slot is free, and
// always from a fresh macrotask (setImmediate), so pending I/O — the acks — runs between turns.

export interface TurnSlots {
  run<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * Acks before turns (PGlite): while `busy()` says requests are arriving, a turn that got its slot
 * waits (in steps of `stepMs`, at most `maxMs`) so the event loop reads, records and acks them first;
 * a burst delays replies, never the ack the platform's 3 s budget depends on. `maxMs` bounds the
 * delay so turns still progress under sustained load.
 */
export interface YieldToDoor {
  busy: () => boolean;
  stepMs?: number;
  maxMs?: number;
}

export function createTurnSlots(limit: number, door?: YieldToDoor): TurnSlots {
  const stepMs = door?.stepMs ?? 20;
  const maxMs = door?.maxMs ?? 2_000;
  let busy = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    busy--;
    const next = waiting.shift();
    if (next) {
      busy++;
      setImmediate(next);
    }
  };
  return {
    async run(work) {
      if (busy < limit) {
        busy++;
        await new Promise((r) => setImmediate(r));
      } else {
        await new Promise<void>((r) => waiting.push(r));
      }
      if (door) {
        for (let waited = 0; waited < maxMs && door.busy(); waited += stepMs) await new Promise((r) => setTimeout(r, stepMs));
      }
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}
