// Issue 10 items 3 and 4: dropped database connections do not take the process down, a reminder
// run that loses its lock's connection ends and the next tick completes, and /readyz (not /healthz)
// follows the database. The PostgreSQL cases terminate backends of this suite's own database with
// pg_terminate_backend and close it with ALLOW_CONNECTIONS false (the shared server keeps running).
import pg from "pg";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createHttpServer } from "../../src/http/server.js";
import { silentLogger } from "../../src/logger.js";
import { TickLockLost, withTickLock, REMINDER_LOCK_ID } from "../../src/reminders/lock.js";
import { describeEachEngine, freshDatabase, PG_ADMIN_URL, type TestDatabase } from "../helpers/engines.js";

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const dbName = (db: TestDatabase) => new URL(db.url!).pathname.slice(1);

describeEachEngine("database faults", (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase(engine);
  });
  afterAll(() => db.dispose());

  it("/healthz is liveness; /readyz checks the database within about a second and lists channels", async () => {
    let closed = false;
    const http = createHttpServer({
      log: silentLogger,
      routers: [],
      readiness: {
        pingDatabase: (ms) => (closed ? Promise.reject(new Error("closed")) : db.ping(ms)),
        channels: () => ({ feishu: { up: false, detail: "long connection" } }),
      },
    });
    const server = await http.listen(0, "127.0.0.1");
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const get = async (path: string) => {
      const t0 = Date.now();
      const r = await fetch(base + path);
      return { status: r.status, body: (await r.json()) as Record<string, unknown>, ms: Date.now() - t0 };
    };
    try {
      expect((await get("/readyz")).status).toBe(503); // start-up not finished
      http.ready();
      const ready = await get("/readyz");
      expect(ready).toMatchObject({ status: 200, body: { status: "ready", database: { up: true }, channels: { feishu: { up: false } } } });
      if (engine === "postgres") {
        const name = dbName(db);
        await admin(async (c) => {
          await c.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
          await c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
        });
        try {
          const down = await get("/readyz");
          expect(down).toMatchObject({ status: 503, body: { status: "unavailable", database: { up: false } } });
          expect(down.ms).toBeLessThan(2_000);
          expect(await get("/healthz")).toMatchObject({ status: 200, body: { status: "ok" } });
        } finally {
          await admin((c) => c.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`));
        }
      } else {
        closed = true; // the embedded database cannot be taken away from under a live process
        expect(await get("/readyz")).toMatchObject({ status: 503, body: { database: { up: false } } });
        expect(await get("/healthz")).toMatchObject({ status: 200 });
        closed = false;
      }
      expect((await get("/readyz")).status).toBe(200);
    } finally {
      server.close();
    }
  });

  if (engine !== "postgres") return;

  it("a reminder run whose lock connection is terminated ends; the process lives and the next tick completes", async () => {
    let runs = 0;
    const first = withTickLock(db, async (signal) => {
      runs++;
      await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
      return "interrupted";
    }).then(() => null, (err: unknown) => err);
    // The lock holder's backend, found through pg_locks (advisory lock, our id as objid).
    await expect.poll(async () => (await db.query("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1", [REMINDER_LOCK_ID])).length).toBe(1);
    await admin((c) =>
      c.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = $1", [REMINDER_LOCK_ID]),
    );
    expect(await first).toBeInstanceOf(TickLockLost);
    const next = await withTickLock(db, async () => "done");
    expect(next).toEqual({ ran: true, value: "done" });
    expect(runs).toBe(1);
  });

  it("idle pooled connections terminated by the server are replaced without an unhandled error", async () => {
    await Promise.all([1, 2, 3].map(() => db.query("SELECT pg_sleep(0.05)"))); // three idle clients in the pool
    await admin((c) => c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [dbName(db)]));
    await new Promise((r) => setTimeout(r, 200));
    expect(await db.query<{ one: number }>("SELECT 1 AS one")).toEqual([{ one: 1 }]);
    expect(await db.prisma.inboundEvent.count()).toBe(0);
  });
});
