// Start-up benchmark, next to a baseline in the same run (a bare `node -e` HTTP server started the
// same way, so the figures are ratios too). For each case: time from spawn to the first /readyz
// 200, then RSS of the WHOLE process tree (npm, sh and node all count) once it has settled (two
// samples 1 s apart within 2 %, at most 15 s after healthy).
//   PGlite     cold (empty DATA_DIR: initdb, migrations, default data) and warm (same folder again)
//   PostgreSQL cold (fresh database: migrations, default data) and warm (same database again)
// Each is measured as `npm start` (what the README tells users to run) and as the single node
// process `node scripts/start.mjs` that npm starts.
//   npx tsx scripts/bench-start.ts        (PostgreSQL: a fresh database on TEST_PG_URL's server)
// Goals (issue 15): RSS at rest ≤ 250 MB on PostgreSQL, ≤ 350 MB on PGlite; warm start ≤ 1 s on PostgreSQL.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freshDatabase } from "../tests/helpers/engines.js";
import { freePort, ROOT } from "../tests/helpers/spawn.js";

async function measure(cmd: string, args: string[], env: Record<string, string>) {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", ...env }, stdio: "ignore", detached: true });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${cmd} ${args.join(" ")} exited ${child.exitCode}`);
    if (await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const ms = performance.now() - t0;
  let rss = rssOfTree(child.pid!);
  for (let i = 0; i < 15; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const next = rssOfTree(child.pid!);
    const settled = Math.abs(next - rss) / rss < 0.02;
    rss = next;
    if (settled) break;
  }
  const processes = countTree(child.pid!);
  process.kill(-child.pid!, "SIGTERM"); // the whole group: npm forwards signals, but be sure
  await new Promise((r) => child.once("exit", r));
  return { ms: Math.round(ms), rssMb: Math.round(rss / 1024), processes };
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** RSS in kB of a process and all its descendants. */
function rssOfTree(pid: number): number {
  let total = 0;
  try {
    total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
  for (const c of childrenOf(pid)) total += rssOfTree(c);
  return total;
}

const countTree = (pid: number): number => 1 + childrenOf(pid).reduce((n, c) => n + countTree(c), 0);

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
// BENCH_START=npm measures only `npm start` (e.g. in a checkout from before scripts/start.mjs).
const runners: Array<[string, string, string[]]> = [
  ["npm start", npm, ["start", "--silent"]] as [string, string, string[]],
  ["node start.mjs", process.execPath, ["scripts/start.mjs"]] as [string, string, string[]],
].filter(([label]) => process.env.BENCH_START !== "npm" || label === "npm start");

const bare = `require("http").createServer((q,s)=>s.end("ok")).listen(process.env.PORT,"127.0.0.1")`;
const baseline = await measure(process.execPath, ["-e", bare], {});
console.log(`baseline bare node: ${baseline.ms} ms, ${baseline.rssMb} MB`);
const pg = await freshDatabase("postgres");
await pg.close(); // the bot migrates and loads it; this handle only owns the name
try {
  for (const [label, cmd, args] of runners) {
    const dataDir = mkdtempSync(path.join(tmpdir(), "jx-bench-start-"));
    const cases: Array<[string, Record<string, string>]> = [
      ["pglite cold", { DATA_DIR: dataDir }],
      ["pglite warm", { DATA_DIR: dataDir }],
      ["postgres cold", { DATABASE_URL: pg.url! }],
      ["postgres warm", { DATABASE_URL: pg.url! }],
    ];
    for (const [name, env] of cases) {
      if (name === "postgres cold") await resetDatabase(pg.url!);
      const r = await measure(cmd, args, env);
      console.log(
        `${label.padEnd(15)} ${name.padEnd(14)} start ${String(r.ms).padStart(5)} ms (${(r.ms / baseline.ms).toFixed(1)}×)  RSS ${String(r.rssMb).padStart(4)} MB (${r.processes} processes)`,
      );
    }
  }
} finally {
  await pg.dispose();
}

async function resetDatabase(url: string): Promise<void> {
  const { default: Pg } = await import("pg");
  const c = new Pg.Client({ connectionString: url });
  await c.connect();
  await c.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
  await c.end();
}
