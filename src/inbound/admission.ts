// Admission control in front of the inbound insert. A webhook must not hold a platform's request
// while the database is swamped: Feishu and DingTalk redeliver what was not answered with 200
// (Feishu: retries at 15 s, 5 min, 1 h, 6 h — open.feishu.cn "事件订阅概述"; DingTalk retries a
// failed HTTP callback), so a quick 503 loses nothing, while a held request ties up a socket and,
// past the platform's 3 s budget, is redelivered anyway. A bounded number of inserts may wait; the
// next one is refused at once, and one that waits longer than `maxWaitMs` is answered 503 (its
// insert may still land — the redelivery then finds it and is acked as a duplicate).

/** Thrown by receive() when the message was not recorded: the channel answers 503 (try again). */
export class Overloaded extends Error {
  readonly status = 503;
}

export interface AdmissionOptions {
  /** Inserts waiting or running at once before new ones are refused (default 256). */
  maxQueued?: number;
  /** Longest a request waits for its insert before it is answered 503 (default 1,500 ms; Feishu allows 3 s). */
  maxWaitMs?: number;
}

export interface Admission {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Requests refused so far (queue full or too slow). */
  readonly shed: number;
  readonly queued: number;
  /** True while requests are at the door or one arrived in the last `quietMs` (default 50 ms). */
  busy(quietMs?: number): boolean;
  /** performance.now() when the current busy period began: the first arrival after a quiet 50 ms. */
  busySince(): number;
}

export function createAdmission(o: AdmissionOptions = {}): Admission {
  const maxQueued = o.maxQueued ?? 256;
  const maxWaitMs = o.maxWaitMs ?? 1_500;
  let queued = 0;
  let shed = 0;
  let lastArrival = -Infinity;
  let busyStart = -Infinity;
  const busy = (quietMs = 50) => queued > 0 || performance.now() - lastArrival < quietMs;
  return {
    busy,
    busySince: () => busyStart,
    get shed() {
      return shed;
    },
    get queued() {
      return queued;
    },
    async run(work) {
      if (!busy()) busyStart = performance.now();
      lastArrival = performance.now();
      if (queued >= maxQueued) {
        shed++;
        throw new Overloaded("inbound queue full");
      }
      queued++;
      const p = work().finally(() => queued--);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          shed++;
          reject(new Overloaded(`inbound insert slower than ${maxWaitMs} ms`));
        }, maxWaitMs);
      });
      p.catch(() => {}); // answered 503 already when it fails late
      try {
        return await Promise.race([p, late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
