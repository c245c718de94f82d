// Time is injected everywhere: production uses the system clock; demos and tests pin "now"
// (BOT_NOW=2021-11-15T10:00:00+08:00). All calendar arithmetic is in Asia/Shanghai (UTC+8, no DST).
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock fixed at `at`; `advance` moves it (tests, day-by-day simulations). */
export function fixedClock(at: Date | string): Clock & { set(at: Date | string): void; advance(ms: number): void } {
  let t = new Date(at).getTime();
  if (Number.isNaN(t)) throw new Error(`invalid time: ${String(at)}`);
  return {
    now: () => new Date(t),
    set: (v) => {
      t = new Date(v).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** A clock that starts at `at` and then runs at real speed (BOT_NOW for `npm start` demos). */
export function offsetClock(at: Date | string): Clock {
  const offset = new Date(at).getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}
