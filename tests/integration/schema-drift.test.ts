// No drift: the database our hand-applied migrations produce must equal the one Prisma's own schema
// engine would create from prisma/schema.prisma — same tables, columns, types, defaults, indexes,
// foreign keys and enums. (Introspecting a live PostgreSQL through the WASM engine does not work
// offline, so we compare catalogues: migrations → engine A; engine's empty→schema SQL → fresh PGlite.)
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase, type SqlConnection } from "../../src/db/client.js";
import { diffSchemas } from "../../scripts/schema-engine.mjs";
import { describeEachEngine, freshDatabase, type TestDatabase } from "../helpers/engines.js";

async function describeSchema(db: SqlConnection) {
  const columns = await db.query(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, numeric_precision, numeric_scale
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
      ORDER BY table_name, column_name`,
  );
  const indexes = await db.query(
    `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`,
  );
  const constraints = await db.query(
    `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'f', 'u', 'c') -- PG 17 also lists NOT NULL (n); columns cover those
        AND conrelid::regclass::text NOT IN ('_prisma_migrations', '"_prisma_migrations"') ORDER BY conname`,
  );
  const enums = await db.query(
    `SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text AS labels FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname ORDER BY t.typname`,
  );
  return { columns, indexes, constraints, enums };
}

let expected: Awaited<ReturnType<typeof describeSchema>>;
beforeAll(async () => {
  const sql = await diffSchemas(readFileSync("prisma/schema.prisma", "utf8"));
  const reference = await openDatabase({ dataDir: "memory://" });
  await reference.exec(sql);
  expected = await describeSchema(reference);
  await reference.close();
}, 120_000);

describeEachEngine("schema drift", (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase(engine);
  });
  afterAll(() => db.dispose());

  it("migrated database matches schema.prisma exactly", async () => {
    const actual = await describeSchema(db);
    expect(expected.columns.length).toBeGreaterThan(50);
    expect(actual.columns).toEqual(expected.columns);
    expect(actual.indexes).toEqual(expected.indexes);
    expect(actual.constraints).toEqual(expected.constraints);
    expect(actual.enums).toEqual(expected.enums);
  });
});
