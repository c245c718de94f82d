// Acks before turns (src/inbound/turn-slots.ts): a turn that got its slot waits while requests are
// arriving at the door; under a long busy period one turn may start per shareMs, and none waits
// longer than maxMs.
import { describe, expect, it } from "vitest";
import { createTurnSlots } from "../../src/inbound/turn-slots.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("turn slots giving way to the door", () => {
  it("holds a turn while the door is busy and starts it as soon as the door is quiet", async () => {
    let busy = true;
    const since = performance.now();
    const slots = createTurnSlots(1, { busy: () => busy, busySince: () => since, stepMs: 5, maxMs: 10_000, graceMs: 10_000 });
    let started = false;
    const turn = slots.run(async () => {
      started = true;
      return 7;
    });
    await sleep(60);
    expect(started).toBe(false);
    busy = false;
    expect(await turn).toBe(7);
    expect(started).toBe(true);
  });

  it("starts a turn after maxMs even when the door never gets quiet", async () => {
    const since = performance.now();
    const slots = createTurnSlots(1, { busy: () => true, busySince: () => since, stepMs: 5, maxMs: 50, graceMs: 10_000 });
    const t0 = performance.now();
    await slots.run(async () => undefined);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(45);
  });

  it("after graceMs of a long busy period lets one turn start per shareMs (turns keep a share, none starves)", async () => {
    const since = performance.now();
    const slots = createTurnSlots(4, { busy: () => true, busySince: () => since, stepMs: 2, maxMs: 60_000, graceMs: 40, shareMs: 40 });
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 5 }, () => slots.run(async () => void starts.push(performance.now() - since))));
    starts.sort((a, b) => a - b);
    // None before the door has been busy graceMs; afterwards one per shareMs, not all at once.
    expect(starts[0]).toBeGreaterThanOrEqual(38);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(38);
    expect(starts[4]).toBeLessThan(1_000);
  });

  it("without a door, a turn starts on the next macrotask and the slot limit holds", async () => {
    const slots = createTurnSlots(2);
    let running = 0;
    let peak = 0;
    await Promise.all(Array.from({ length: 6 }, () => slots.run(async () => {
      running++;
      peak = Math.max(peak, running);
      await sleep(5);
      running--;
    })));
    expect(peak).toBe(2);
  });
});
