import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { openDatabase } from "../../src/db/client.js";
import { silentLogger } from "../../src/logger.js";
import { createOutbox, PermanentError, RetryableError, type Sender } from "../../src/outbox/index.js";
import type { Reply } from "../../src/messages.js";
import { DatabaseRateLimiter } from "../../src/outbox/rate-limiter.js";
import { beginSend, claimDue, markRetry } from "../../src/outbox/store.js";
import { describeEachEngine, freshDatabase, type TestDatabase } from "../helpers/engines.js";

/** A platform that records what it got and fails as scripted. */
function scriptedSender(failures: Array<Error | undefined> = []) {
  const sent: Array<{ key: string; payload: Reply }> = [];
  const sender: Sender = {
    platform: "local",
    async send(_target, payload, key) {
      const failure = failures.shift();
      if (failure) throw failure;
      sent.push({ key, payload });
      return { externalId: `ext-${sent.length}` };
    },
  };
  return { sender, sent };
}

const msg = (key: string) => ({ idempotencyKey: key, platform: "local" as const, target: { to: "u1" }, payload: { kind: "text" as const, text: key } });

describeEachEngine("outbox", (engine) => {
  let db: TestDatabase;
  const clock = fixedClock("2021-11-15T02:00:00Z");
  const rows = () => db.prisma.outboundMessage.findMany({ orderBy: { id: "asc" } });
  const opts = { log: silentLogger, now: () => clock.now(), backoff: { baseMs: 1000, maxMs: 60_000 } };

  beforeAll(async () => {
    db = await freshDatabase(engine);
  });
  afterAll(() => db.dispose());
  beforeEach(async () => {
    await db.prisma.outboundMessage.deleteMany();
    clock.set("2021-11-15T02:00:00Z");
  });

  it("ignores a second enqueue of the same key and sends once", async () => {
    const { sender, sent } = scriptedSender();
    const outbox = createOutbox({ db, senders: [sender], ...opts });
    await outbox.enqueue([msg("a")]);
    await outbox.enqueue([msg("a"), msg("b")]);
    expect(await outbox.runOnce()).toBe(2);
    expect(await outbox.runOnce()).toBe(0);
    expect(sent.map((s) => s.key)).toEqual(["a", "b"]);
    expect((await rows()).map((r) => [r.status, r.externalId])).toEqual([["sent", "ext-1"], ["sent", "ext-2"]]);
  });

  it("retries a retryable failure after a backoff, honouring retry-after", async () => {
    const { sender, sent } = scriptedSender([new RetryableError("429", 5_000)]);
    const outbox = createOutbox({ db, senders: [sender], ...opts });
    await outbox.enqueue([msg("r")]);
    await outbox.runOnce();
    const [row] = await rows();
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "429" });
    expect(row!.nextAttemptAt.getTime() - clock.now().getTime()).toBeGreaterThanOrEqual(5_000);
    clock.advance(4_000);
    expect(await outbox.runOnce()).toBe(0);
    clock.advance(2_000);
    await outbox.runOnce();
    expect(sent).toHaveLength(1);
    expect(await rows()).toMatchObject([{ status: "sent", attempts: 2 }]);
  });

  it("an instance whose row was taken over writes nothing over the new owner's outcome", async () => {
    const { sender, sent } = scriptedSender();
    const outbox = createOutbox({ db, senders: [sender], ...opts, leaseMs: 30_000 });
    await outbox.enqueue([msg("t")]);
    const [stale] = await claimDue(db, { now: clock.now(), leaseMs: 30_000, platforms: ["local"], limit: 10 });
    clock.advance(31_000); // the first instance stalled past its lease
    await outbox.runOnce();
    expect(await beginSend(db, stale!, new Date(clock.now().getTime() + 30_000), clock.now())).toBe(false);
    await markRetry(db, stale!, "late answer of the stalled instance", clock.now(), false);
    expect(sent.map((s) => s.key)).toEqual(["t"]);
    expect(await rows()).toMatchObject([{ status: "sent", attempts: 2, lastError: null }]);
  });

  it("per recipient strictly FIFO: a later message waits behind an earlier one that is being retried", async () => {
    const { sender, sent } = scriptedSender([new RetryableError("5xx")]);
    const outbox = createOutbox({ db, senders: [sender], ...opts });
    await outbox.enqueue([msg("m1"), msg("m2"), { ...msg("other"), target: { to: "u2" } }]);
    await outbox.runOnce(); // m1 fails (retry in ≥ 0.5 s); m2 must not overtake it
    expect(sent.map((s) => s.key)).toEqual(["other"]);
    clock.advance(400);
    await outbox.runOnce();
    expect(sent.map((s) => s.key)).toEqual(["other"]);
    clock.advance(2_000);
    await outbox.runOnce();
    expect(sent.map((s) => s.key)).toEqual(["other", "m1", "m2"]);
  });

  it("keeps retrying with capped back-off for hours, and fails only after the retry horizon", async () => {
    const failures = Array.from({ length: 200 }, () => new RetryableError("socket hang up"));
    const { sender } = scriptedSender(failures);
    const outbox = createOutbox({ db, senders: [sender], ...opts, backoff: { baseMs: 1_000, maxMs: 5 * 60_000 }, retryHorizonMs: 6 * 3600_000 });
    await outbox.enqueue([msg("h")]);
    const start = clock.now().getTime();
    let status = "pending";
    while (status !== "failed") {
      await outbox.runOnce();
      const [row] = await rows();
      status = row!.status;
      if (status === "pending") {
        expect(row!.nextAttemptAt.getTime() - clock.now().getTime()).toBeLessThanOrEqual(5 * 60_000); // capped
        clock.set(row!.nextAttemptAt.toISOString());
      }
    }
    const [row] = await rows();
    expect(clock.now().getTime() - start).toBeGreaterThan(5.9 * 3600_000); // still trying after ~6 h
    expect(clock.now().getTime() - start).toBeLessThanOrEqual(6 * 3600_000);
    expect(row!.attempts).toBeGreaterThan(60);
    expect(row!.lastError).toMatch(/retry horizon passed after \d+ attempts: socket hang up/);
  });

  it("keeps messages to one target in order even when the sender names no recipient key", async () => {
    const order: string[] = [];
    let elsewhereSent: () => void = () => {};
    const elsewhere = new Promise<void>((r) => (elsewhereSent = r));
    const slowFirst: Sender = {
      platform: "local",
      async send(_target, _payload, key) {
        // "first" finishes only after the other recipient's message went out: they run in parallel.
        if (key === "first") await Promise.race([elsewhere, new Promise((r) => setTimeout(r, 5_000))]);
        order.push(key);
        if (key === "elsewhere") elsewhereSent();
        return {};
      },
    };
    const outbox = createOutbox({ db, senders: [slowFirst], ...opts });
    await outbox.enqueue([msg("first"), msg("second"), { ...msg("elsewhere"), target: { to: "u2" } }]);
    await outbox.runOnce();
    expect(order).toEqual(["elsewhere", "first", "second"]); // u2 in parallel; u1 in order
  });

  it("gives up on a permanent error at once and on a retryable one after the horizon", async () => {
    const { sender } = scriptedSender([new PermanentError("bad receiver"), new RetryableError("5xx"), new RetryableError("5xx")]);
    const outbox = createOutbox({ db, senders: [sender], ...opts, retryHorizonMs: 30_000 });
    await outbox.enqueue([msg("p"), msg("q")]);
    await outbox.runOnce();
    clock.advance(60_000);
    await outbox.runOnce();
    expect((await rows()).map((r) => [r.idempotencyKey, r.status, r.attempts])).toEqual([
      ["p", "failed", 1],
      ["q", "failed", 2],
    ]);
  });

  it("treats a send that never answers as retryable instead of stalling", async () => {
    const hanging: Sender = { platform: "local", send: () => new Promise(() => {}) };
    const outbox = createOutbox({ db, senders: [hanging], ...opts, sendTimeoutMs: 50 });
    await outbox.enqueue([msg("h")]);
    await outbox.runOnce();
    expect(await rows()).toMatchObject([{ status: "pending", attempts: 1, lastError: "no answer within 50 ms" }]);
    expect((await rows())[0]!.sendStartedAt).not.toBeNull(); // the request may have arrived: in doubt
  });

  it("recovers a row left 'sending' by a crashed instance once its lease expires", async () => {
    const { sender, sent } = scriptedSender();
    const outbox = createOutbox({ db, senders: [sender], ...opts, leaseMs: 30_000 });
    await outbox.enqueue([msg("c")]);
    expect(await claimDue(db, { now: clock.now(), leaseMs: 30_000, platforms: ["local"], limit: 10 })).toHaveLength(1);
    expect(await outbox.runOnce()).toBe(0); // leased by the "crashed" instance
    clock.advance(31_000);
    await outbox.runOnce();
    expect(sent.map((s) => s.key)).toEqual(["c"]);
    expect(await rows()).toMatchObject([{ status: "sent", attempts: 2 }]);
  });

  it("send limits are one token bucket in the database: a second limiter (another instance) waits for the first one's tokens", async () => {
    await db.prisma.sendBucket.deleteMany();
    const other = engine === "postgres" ? await openDatabase({ databaseUrl: db.url, dataDir: "unused" }) : db;
    try {
      const bucket = [{ key: "test:slow-api", perSecond: 0.5 }]; // one token every 2 s, burst 1
      await new DatabaseRateLimiter(db).acquire(bucket); // the first instance takes the only token
      const t0 = Date.now();
      await new DatabaseRateLimiter(other).acquire(bucket);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(1_500); // waited for the refill, not its own bucket
      const [row] = await db.query<{ tokens: number }>(`SELECT tokens FROM "SendBucket" WHERE key = 'test:slow-api'`);
      expect(row!.tokens).toBeLessThan(1);
    } finally {
      if (other !== db) await other.close();
    }
  });

  if (engine === "postgres") {
    it("two instances on one PostgreSQL never send the same row twice", async () => {
      const other = await openDatabase({ databaseUrl: db.url, dataDir: "unused" });
      try {
        const { sender, sent } = scriptedSender();
        const slow: Sender = { ...sender, send: async (t, p, k) => (await new Promise((r) => setTimeout(r, 2)), sender.send(t, p, k)) };
        const fast = { rateLimits: { perApp: 10_000, perRecipient: 10_000 }, batchSize: 7 };
        const a = createOutbox({ db, senders: [slow], ...opts, ...fast });
        const b = createOutbox({ db: other, senders: [slow], ...opts, ...fast });
        await a.enqueue(Array.from({ length: 60 }, (_, i) => msg(`m${i}`)));
        // a short batch (rows skipped while locked by the other) ends a run early: run until dry
        for (let i = 0; i < 30 && sent.length < 60; i++) await Promise.all([a.runOnce(), b.runOnce()]);
        expect(sent).toHaveLength(60);
        expect(new Set(sent.map((s) => s.key)).size).toBe(60);
      } finally {
        await other.close();
      }
    });
  }
  it("gives way to the webhook door: while requests arrive a tick waits (≤ 2 s), then delivers", async () => {
    const { sender, sent } = scriptedSender();
    let busy = true;
    const outbox = createOutbox({ db, senders: [sender], ...opts, giveWayTo: { busy: () => busy } });
    await outbox.enqueue([msg("g1")]);
    const run = outbox.runOnce();
    await new Promise((r) => setTimeout(r, 150));
    expect(sent).toHaveLength(0); // still waiting for the door
    busy = false;
    expect(await run).toBe(1);
    expect(sent.map((s) => s.key)).toEqual(["g1"]);
    // A door that never quiets holds a tick 2 s at most.
    busy = true;
    await outbox.enqueue([msg("g2")]);
    const t0 = performance.now();
    await outbox.runOnce();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(1_900);
    expect(sent.map((s) => s.key)).toEqual(["g1", "g2"]);
  });
});
