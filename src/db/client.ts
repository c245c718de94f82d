// The one place that knows which database engine is behind Prisma.
//   no DATABASE_URL → embedded PGlite (WASM PostgreSQL) in DATA_DIR, zero set-up;
//   DATABASE_URL    → a real PostgreSQL through @prisma/adapter-pg (several instances may share it).
// Both get the same schema and migrations; `sql` runs multi-statement SQL (migrations) on the
// native driver, because Prisma's raw queries use prepared statements that forbid several commands.
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
  /** Runs `fn` on one dedicated connection (session-level locks, explicit transactions). */
  session<T>(fn: (conn: SqlConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface SqlConnection {
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** PGlite folder; "memory://" keeps everything in memory (tests). */
  dataDir: string;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}

async function openPglite(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  // Loaded only here: the WASM PostgreSQL costs ~40 MB of a process that talks to a real server.
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import("@electric-sql/pglite"), import("pglite-prisma-adapter")]);
  // PostgreSQL's default 128 MB of shared buffers is sized for a server; our whole database is a
  // few MB, and 16 MB cuts the bot's resident memory by ~120 MB (measured, scripts/bench-start.ts).
  const db = await PGlite.create(dataDir, { postgresqlconf: ["shared_buffers = 16MB"] });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  const conn: SqlConnection = {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows,
  };
  return {
    prisma,
    engine: "pglite",
    ...conn,
    // PGlite has a single connection: every caller already shares one session.
    session: (fn) => fn(conn),
    close: async () => {
      await prisma.$disconnect();
      if (!db.closed) await db.close();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    engine: "postgres",
    exec: async (sql) => {
      await pool.query(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) =>
      (await pool.query(sql, params)).rows as T[],
    session: async (fn) => {
      const client = await pool.connect();
      try {
        return await fn({
          exec: async (sql) => {
            await client.query(sql);
          },
          query: async <T>(sql: string, params: unknown[] = []) =>
            (await client.query(sql, params)).rows as T[],
        });
      } finally {
        client.release();
      }
    },
    close: async () => {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}
