// The embedded engine in its worker thread (src/db/pglite-thread.ts), through the same Database the
// app uses: statements run off the main thread, one session is shared by every client (a client's
// Terminate does not end it), settle() keeps the data, close() shuts PostgreSQL down cleanly, and a
// closed database fails fast, not hangs.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";

describe("PGlite in a worker thread", () => {
  const open: Database[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const fresh = async (dataDir = "memory://") => {
    const db = await openDatabase({ dataDir });
    open.push(db);
    return db;
  };

  it("keeps the main thread's event loop turning while a long statement runs", async () => {
    const db = await fresh();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = performance.now();
    // ≈ 0.5–2 s of work inside PostgreSQL: on the main thread this froze every timer until it ended.
    const [row] = await db.query<{ n: string }>("SELECT count(*) AS n FROM generate_series(1, 3000000) g WHERE g % 7 = 3");
    const ms = performance.now() - started;
    clearInterval(timer);
    expect(row?.n).toBe("428572"); // 3, 10, …, 2999998
    // A 10 ms timer that was never blocked fires about ms/10 times; demand a third of that.
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(ms / 30));
    expect(ticks).toBeGreaterThan(3);
  });

  it("is one session: a temp table made by a native call is seen by Prisma; after the client is replaced (settle) queries go on", async () => {
    const db = await fresh();
    await db.exec("CREATE TEMP TABLE scratch (v int); INSERT INTO scratch VALUES (1), (2)");
    // Prisma's queries and the native ones go through the same pool of one client.
    const viaPrisma = await db.prisma.$queryRawUnsafe<Array<{ n: number }>>("SELECT count(*)::int AS n FROM scratch");
    expect(viaPrisma[0]?.n).toBe(2);
    await db.settle!(); // ends the pool's client (and its stream) on purpose
    await expect(db.query("SELECT 1 AS one")).resolves.toEqual([{ one: 1 }]);
  });

  it("settle() restarts the thread and keeps the data (a folder on disk)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "jx-pglite-"));
    dirs.push(dir);
    const db = await fresh(dir);
    await db.exec("CREATE TABLE kept (v text)");
    await db.query("INSERT INTO kept VALUES ($1)", ["调解成功率 99.2%"]);
    // Callers that arrive during the restart wait for it, and all succeed.
    const during = [db.settle!(), ...Array.from({ length: 5 }, (_, i) => db.query<{ v: string; i: number }>("SELECT v, $1::int AS i FROM kept", [i]))];
    const [, ...rows] = await Promise.all(during);
    expect(rows.map((r) => (r as Array<{ i: number }>)[0]?.i)).toEqual([0, 1, 2, 3, 4]);
    expect(await db.query("SELECT v FROM kept")).toEqual([{ v: "调解成功率 99.2%" }]);
  });

  it("a database error is PostgreSQL's own, with its code (23505), and the session goes on", async () => {
    const db = await fresh();
    await db.exec("CREATE TABLE u (k text PRIMARY KEY)");
    await db.query("INSERT INTO u VALUES ('a')");
    await expect(db.query("INSERT INTO u VALUES ('a')")).rejects.toMatchObject({ code: "23505" });
    await expect(db.query("SELECT count(*)::int AS n FROM u")).resolves.toEqual([{ n: 1 }]);
  });

  it("close() shuts PostgreSQL down cleanly: the folder's pg_control says shut down, not in production", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "jx-pglite-"));
    dirs.push(dir);
    const db = await openDatabase({ dataDir: dir });
    await db.exec("CREATE TABLE t (v int); INSERT INTO t VALUES (1)");
    // ControlFileData.state: a uint32 after system_identifier (8 bytes) and two version numbers
    // (PostgreSQL src/include/catalog/pg_control.h, enum DBState: 1 shut down, 6 in production).
    const state = () => readFileSync(path.join(dir, "global", "pg_control")).readUInt32LE(16);
    expect(state()).toBe(6);
    await db.close();
    expect(state()).toBe(1); // a thread merely terminated would leave 6: crash recovery at the next open
  });

  it("after close, a query fails at once instead of waiting forever", async () => {
    const db = await openDatabase({ dataDir: "memory://" });
    await db.query("SELECT 1");
    await db.close();
    await expect(Promise.race([db.query("SELECT 1").then(() => "answered", () => "rejected"), new Promise((r) => setTimeout(() => r("hung"), 5_000))])).resolves.toBe("rejected");
  });
});
