// One storage contract, two engines (botbuilder's storageBaseTests idea): integration suites call
// `describeEachEngine` and run unchanged on embedded PGlite and on the machine's real PostgreSQL.
// Each PostgreSQL suite gets a fresh database of its own, dropped afterwards.
// TEST_PG_URL points at a server database we may CREATE DATABASE from (default: local trust auth).
// TEST_PG=off skips the PostgreSQL half explicitly (never silently).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe } from "vitest";
import { openDatabase, type Database, type DatabaseOptions, type Engine } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export const engines: Engine[] = process.env.TEST_PG === "off" ? ["pglite"] : ["pglite", "postgres"];

export interface TestDatabase extends Database {
  /** postgres only: the URL of this suite's own database (for a second instance). */
  url?: string;
  dispose(): Promise<void>;
}

/** A fresh, migrated, empty database on `engine` (`options.onStatement`: see DatabaseOptions). */
export async function freshDatabase(engine: Engine, options: Pick<DatabaseOptions, "onStatement"> = {}): Promise<TestDatabase> {
  if (engine === "pglite") {
    const db = await openDatabase({ dataDir: "memory://", ...options });
    await migrate(db);
    return { ...db, dispose: () => db.close() };
  }
  const name = `jx_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: "unused", ...options });
  await migrate(db);
  return {
    ...db,
    url: url.toString(),
    dispose: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      // pg-pool's end() resolves before its sockets have closed; a FORCE drop then kills those
      // backends and the dying client raises an unhandled 57P01. Wait for them to go first.
      for (let i = 0; i < 40; i++) {
        const [row] = (await a.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [name])).rows;
        if (row.n === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** `describe` once per storage engine; the body gets the engine name. */
export function describeEachEngine(title: string, body: (engine: Engine) => void): void {
  for (const engine of engines) describe(`${title} [${engine}]`, () => body(engine));
}
