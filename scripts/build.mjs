#!/usr/bin/env node
// Compiles src/**/*.ts to build/**/*.js (one file per module, same folder layout, so the
// `import.meta.dirname`-relative paths in src — prisma/migrations, prompts/, page.html — resolve
// the same from build/). Type checking stays with `tsc --noEmit`; this only strips types (esbuild).
//   node scripts/build.mjs            builds when src is newer than the last build
//   node scripts/build.mjs --force    always builds
// Run by `npm ci`/`npm install` (postinstall, after prisma generate) and by `npm start` when stale.
// Concurrent callers (parallel tests) serialise on a lock folder; the new tree is written beside
// the old one and swapped in with renames, so a running process never sees a half-written build.
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SRC = path.join(ROOT, "src");
export const BUILD = path.join(ROOT, "build");
const STAMP = path.join(BUILD, ".built");
const LOCK = path.join(ROOT, "build.lock");

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** True when build/ is missing or older than any file under src/ (or this script). */
export function isStale() {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  const inputs = [...walk(SRC), fileURLToPath(import.meta.url), path.join(ROOT, "package-lock.json")];
  return inputs.some((f) => statSync(f).mtimeMs > built);
}

async function withLock(fn) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
      // A lock older than a minute belongs to a builder that died.
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs > 60_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`build lock ${LOCK} held too long`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds when stale; returns true when it built. */
export async function build({ force = false } = {}) {
  if (!force && !isStale()) return false;
  return withLock(async () => {
    if (!force && !isStale()) return false; // another process built it while we waited
    if (!existsSync(path.join(SRC, "generated/prisma/client.ts"))) {
      throw new Error("src/generated/prisma is missing: run `npm run db:generate` first");
    }
    const { build: esbuild, stop } = await import("esbuild");
    const files = walk(SRC);
    const tmp = `${BUILD}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    await esbuild({
      entryPoints: files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")),
      outdir: tmp,
      outbase: SRC,
      format: "esm",
      platform: "node",
      target: "node20",
      sourcemap: "linked",
      logLevel: "warning",
    });
    // esbuild's API keeps its Go service process alive for the life of the caller: `npm start`
    // after a source change would carry it (~150 MB, a fourth process) at rest.
    await stop();
    for (const f of files.filter((f) => !f.endsWith(".ts"))) {
      const to = path.join(tmp, path.relative(SRC, f));
      mkdirSync(path.dirname(to), { recursive: true });
      cpSync(f, to);
    }
    writeFileSync(path.join(tmp, ".built"), new Date().toISOString() + "\n");
    const old = `${BUILD}.old-${process.pid}`;
    if (existsSync(BUILD)) renameSync(BUILD, old);
    renameSync(tmp, BUILD);
    rmSync(old, { recursive: true, force: true });
    return true;
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await build({ force: process.argv.includes("--force") });
  process.stdout.write(built ? "build/ compiled from src/\n" : "build/ is up to date\n");
}
