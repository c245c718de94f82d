#!/usr/bin/env node
// `prisma generate` without internet. Prisma 7's CLI first tries to download its native schema
// engine, which generate does not need (the client uses the WASM query compiler shipped in npm).
// Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips the download; we only do that
// when no real engine is installed, so machines with internet stay on Prisma's normal path.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const enginesDir = path.join(root, "node_modules/@prisma/engines");
const hasRealEngine =
  existsSync(enginesDir) && readdirSync(enginesDir).some((f) => f.startsWith("schema-engine"));
const env = { ...process.env };
if (!hasRealEngine && !env.PRISMA_SCHEMA_ENGINE_BINARY) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = fileURLToPath(import.meta.url);
}
const bin = path.join(root, "node_modules/prisma/build/index.js");
const run = spawnSync(process.execPath, [bin, "generate"], { cwd: root, env, stdio: "inherit" });
process.exit(run.status ?? 1);
