#!/usr/bin/env node
// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL from the schema as of the
// last migration (kept in prisma/migrations/schema.snapshot.prisma) to prisma/schema.prisma.
// Review the SQL before committing it. Usage: npm run db:new-migration -- <name>
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { diffSchemas } from "./schema-engine.mjs";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_");
if (!name) {
  console.error("usage: npm run db:new-migration -- <name>");
  process.exit(2);
}
const dir = "prisma/migrations";
const snapshotPath = path.join(dir, "schema.snapshot.prisma");
const schema = readFileSync("prisma/schema.prisma", "utf8");
const previous = existsSync(snapshotPath) ? readFileSync(snapshotPath, "utf8") : null;
const sql = await diffSchemas(schema, previous);
if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
  console.log("schema unchanged: no migration written");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const folder = path.join(dir, `${stamp}_${name}`);
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, "migration.sql"), sql);
writeFileSync(snapshotPath, schema);
if (!existsSync(path.join(dir, "migration_lock.toml"))) {
  writeFileSync(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
}
console.log(`wrote ${folder}/migration.sql`);
