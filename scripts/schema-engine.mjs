// Prisma's schema engine compiled to WebAssembly, loaded by file path (its package `exports` only
// offer an entry that imports the .wasm as an ES module, which Node 20 refuses). Dev and test only:
// it writes migration SQL (scripts/new-migration.mjs) and checks for drift (tests/integration).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);
const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));

async function loadEngineClass() {
  const glue = await import(pathToFileURL(path.join(pkgDir, "schema_engine_bg.js")).href);
  const module = new WebAssembly.Module(readFileSync(path.join(pkgDir, "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
  return glue.SchemaEngine;
}

/** SQL that creates `datamodel` from `fromDatamodel` (or from nothing), for PostgreSQL. */
export async function diffSchemas(datamodel, fromDatamodel = null) {
  const SchemaEngine = await loadEngineClass();
  const db = new PGlite();
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(db));
  const engine = await SchemaEngine.new({ datamodels: [["schema.prisma", datamodel]] }, () => {}, factory);
  const target = (content) => ({ tag: "schemaDatamodel", files: [{ path: "schema.prisma", content }] });
  const result = await engine.diff({
    from: fromDatamodel ? target(fromDatamodel) : { tag: "empty" },
    to: target(datamodel),
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  await db.close();
  return result.stdout ?? "";
}
