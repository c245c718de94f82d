// Acks before turns (src/inbound/turn-slots.ts): on PGlite a turn that got its slot waits while
// requests are arriving at the door, and starts anyway once maxMs has passed.
import { describe, expect, it } from "vitest";
import { createTurnSlots } from "../../src/inbound/turn-slots.js";

describe("turn slots giving way to the door", () => {
  it("holds a turn while the door is busy and starts it as soon as the door is quiet", async () => {
    let busy = true;
    const slots = createTurnSlots(1, { busy: () => busy, stepMs: 5, maxMs: 10_000 });
    let started = false;
    const turn = slots.run(async () => {
      started = true;
      return 7;
    });
    await new Promise((r) => setTimeout(r, 60));
    expect(started).toBe(false);
    busy = false;
    expect(await turn).toBe(7);
    expect(started).toBe(true);
  });

  it("starts a turn after maxMs even when the door never gets quiet (turns still progress under load)", async () => {
    const slots = createTurnSlots(1, { busy: () => true, stepMs: 5, maxMs: 50 });
    const t0 = performance.now();
    await slots.run(async () => undefined);
    const waited = performance.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(45);
  });

  it("without a door, a turn starts on the next macrotask and the slot limit holds", async () => {
    const slots = createTurnSlots(2);
    let running = 0;
    let peak = 0;
    await Promise.all(Array.from({ length: 6 }, () => slots.run(async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
    })));
    expect(peak).toBe(2);
  });
});
