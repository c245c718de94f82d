// The one place that knows which database engine is behind Prisma.
//   no DATABASE_URL → embedded PGlite (WASM PostgreSQL) in DATA_DIR, zero set-up;
//   DATABASE_URL    → a real PostgreSQL through @prisma/adapter-pg (several instances may share it).
// Both get the same schema and migrations; `sql` runs multi-statement SQL (migrations) on the
// native driver, because Prisma's raw queries use prepared statements that forbid several commands.
import { withTimeout } from "../util/timeout.js";
import { mkdirSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client.js";

export type Engine = "pglite" | "postgres";

export interface Database {
  prisma: PrismaClient;
  engine: Engine;
  /** Runs SQL text that may hold several statements (no parameters). */
  exec(sql: string): Promise<void>;
  /** Runs one parameterised query on the native driver. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Runs one statement on connections reserved for the webhook door (the inbound insert a 200
   * depends on): on PostgreSQL a pool of its own, so an ack never waits for a connection held by a
   * turn, the outbox or a reminder run; on PGlite the one connection (turns give way to the door
   * before they begin, src/inbound/turn-slots.ts). Not bound by `inTransaction`: it always commits
   * on its own.
   */
  doorQuery<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` on one dedicated connection (session-level locks, explicit transactions). */
  session<T>(fn: (conn: SqlConnection) => Promise<T>): Promise<T>;
  /** SELECT 1 within `timeoutMs`; rejects when the database does not answer in time (readiness). */
  ping(timeoutMs: number): Promise<void>;
  /**
   * PGlite only: starts the engine's thread afresh, keeping the data. WebAssembly memory only grows,
   * so what initdb, a migration run or a first data load needed (≈ 800 MB of a cold start) would
   * otherwise stay for the life of the process; after this it is what a warm start holds (issue 15,
   * measured with scripts/bench-start.ts). Every caller waits meanwhile (≈ 0.5 s).
   */
  settle?(): Promise<void>;
  /** Tests only: wraps each transaction's client (fault injection at a chosen statement). */
  instrument?(tx: PrismaClient): PrismaClient;
  close(): Promise<void>;
}

export interface SqlConnection {
  /** Aborted when this dedicated connection fails (PostgreSQL sessions); work tied to it should end. */
  lost?: AbortSignal;
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** PGlite folder; "memory://" keeps everything in memory (tests). */
  dataDir: string;
  /**
   * Called when an idle pooled connection or a dedicated session's connection fails (server
   * restart, pg_terminate_backend, network). Without a listener node-postgres's 'error' event
   * would kill the process; the failed connection is dropped and the next query opens a new one.
   */
  onConnectionError?(err: Error): void;
  /**
   * Tests and scripts/count-statements.ts: called with the text of every statement sent to the
   * engine (Prisma's through its adapter — savepoints included — and the native calls), to count
   * round trips (BEGIN/COMMIT included: both engines speak through node-postgres).
   */
  onStatement?(sql: string): void;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.onConnectionError ?? (() => {}), opts.onStatement) : openPglite(opts.dataDir, opts.onStatement);
}

async function openPglite(dataDir: string, onStatement?: (sql: string) => void): Promise<Database> {
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  // Loaded only here: the WASM PostgreSQL costs ~40 MB of a process that talks to a real server.
  const { startPgliteThread } = await import("./pglite-thread.js");
  // PostgreSQL's default 128 MB of shared buffers is sized for a server; our whole database is a
  // few MB, and 16 MB cuts the bot's resident memory by ~120 MB (measured, scripts/bench-start.ts).
  const threadOptions = { dataDir, postgresqlconf: ["shared_buffers = 16MB"] };
  let thread = await startPgliteThread(threadOptions);
  // One PostgreSQL session behind every stream, so one client at a time (as PGlite's own lock did);
  // an idle client is kept, not ended and reconnected.
  const pool = new pg.Pool({ max: 1, idleTimeoutMillis: 0, stream: () => thread.stream(), user: "postgres", database: "postgres" });
  pool.on("error", () => {}); // the thread stopped: the queries that were out have rejected already
  pool.on("connect", (client) => client.on("error", () => {}));
  if (onStatement) pool.on("connect", (client) => observe(client, onStatement));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const conn: SqlConnection = {
    exec: async (sql) => {
      await pool.query(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[],
  };
  return {
    prisma,
    engine: "pglite",
    ...conn,
    doorQuery: conn.query,
    // PGlite has a single session: every caller already shares it (session-level locks included).
    session: (fn) => fn(conn),
    ping: (timeoutMs) => pingWithin(conn.query("SELECT 1"), timeoutMs),
    settle: async () => {
      const client = await pool.connect(); // the one session is ours: every other caller waits
      try {
        await thread.close();
        thread = await startPgliteThread(threadOptions);
      } finally {
        client.release(true); // its stream led to the old thread; the next client opens one to the new
      }
    },
    close: async () => {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
      await thread.close();
    },
  };
}

async function openPostgres(url: string, onConnectionError: (err: Error) => void, onStatement?: (sql: string) => void): Promise<Database> {
  // connectionTimeoutMillis: with the server unreachable, a checkout fails instead of waiting forever.
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 });
  pool.on("error", onConnectionError); // an idle client's connection died; pg-pool has dropped it
  // And a listener on every client for its whole life: pg-pool and Prisma's adapter listen only
  // while a client is idle or inside a transaction, and a backend terminated in the gaps (found by
  // scripts/chaos-postgres.ts) was an unhandled 'error' event. The holder still sees the failure as
  // its query's rejection, and pg-pool drops the broken client on release.
  pool.on("connect", (client) => client.on("error", () => {}));
  if (onStatement) pool.on("connect", (client) => observe(client, onStatement));
  // The door's own two connections (Database.doorQuery); opened on first use, so CLI processes
  // that never receive a webhook hold none.
  const doorPool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5_000 });
  doorPool.on("error", onConnectionError);
  doorPool.on("connect", (client) => client.on("error", () => {}));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    engine: "postgres",
    exec: async (sql) => {
      await pool.query(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) =>
      (await pool.query(sql, params)).rows as T[],
    doorQuery: async <T>(sql: string, params: unknown[] = []) =>
      (await doorPool.query(sql, params)).rows as T[],
    session: async (fn) => {
      const client = await pool.connect();
      // A checked-out client has no listener of pg-pool's: a terminated backend (57P01) would be an
      // unhandled 'error' event. Its pending query rejects anyway; the client is then destroyed.
      let broken: Error | undefined;
      const lost = new AbortController();
      const onError = (err: Error) => {
        broken = err;
        lost.abort(err);
        onConnectionError(err);
      };
      client.on("error", onError);
      try {
        return await fn({
          lost: lost.signal,
          exec: async (sql) => {
            await client.query(sql);
          },
          query: async <T>(sql: string, params: unknown[] = []) =>
            (await client.query(sql, params)).rows as T[],
        });
      } finally {
        client.removeListener("error", onError);
        // The pool's lifetime listener (on "connect") covers late errors; one more per session on a
        // reused client was a leak (MaxListenersExceededWarning after 10 reminder runs).
        client.release(broken ?? false);
      }
    },
    ping: (timeoutMs) => pingWithin(pool.query("SELECT 1"), timeoutMs),
    close: async () => {
      await prisma.$disconnect();
      await Promise.all([pool.end().catch(() => {}), doorPool.end().catch(() => {})]);
    },
  };
}

async function pingWithin(p: Promise<unknown>, ms: number): Promise<void> {
  await withTimeout(p, ms, () => new Error(`database did not answer within ${ms} ms`));
}

type Queryable = { query: (...args: never[]) => unknown; exec?: (...args: never[]) => unknown };

/** Reports the SQL text of each query()/exec() of `target` (DatabaseOptions.onStatement). */
function observe(target: Queryable, onStatement: (sql: string) => void): void {
  for (const method of ["query", "exec"] as const) {
    const f = target[method];
    if (typeof f !== "function") continue;
    const bound = f.bind(target) as (...args: unknown[]) => unknown;
    (target as Record<string, unknown>)[method] = (...args: unknown[]) => {
      const first = args[0];
      onStatement(typeof first === "string" ? first : String((first as { text?: string })?.text ?? first));
      return bound(...args);
    };
  }
}
