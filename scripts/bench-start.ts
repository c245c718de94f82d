// Start-up benchmark: cold start (empty DATA_DIR: PGlite initdb, migrations, default data) and warm
// start (same folder again) to the first /readyz 200, and RSS at rest, next to a baseline in the
// same run: a bare `node -e` HTTP server started the same way (so the figures are ratios too).
//   npx tsx scripts/bench-start.ts
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, ROOT } from "../tests/helpers/spawn.js";

async function timeToHealthy(cmd: string, args: string[], env: Record<string, string>) {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", ...env }, stdio: "ignore" });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${cmd} exited ${child.exitCode}`);
    if (await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 3000)); // at rest
  const rssKb = rssOfTree(child.pid!);
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  return { ms: Math.round(ms), rssMb: Math.round(rssKb / 1024) };
}

/** RSS of a process and its children (npm/tsx spawn node underneath). */
function rssOfTree(pid: number): number {
  let total = 0;
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
  for (const c of children) total += rssOfTree(Number(c));
  return total;
}

const bare = `require("http").createServer((q,s)=>s.end("ok")).listen(process.env.PORT,"127.0.0.1")`;
const baseline = await timeToHealthy(process.execPath, ["-e", bare], {});
const tsx = path.join(ROOT, "node_modules/.bin/tsx");
const dataDir = mkdtempSync(path.join(tmpdir(), "jx-bench-start-"));
const cold = await timeToHealthy(tsx, ["src/main.ts"], { DATA_DIR: dataDir });
const warm = await timeToHealthy(tsx, ["src/main.ts"], { DATA_DIR: dataDir });
console.log(JSON.stringify({ baseline, cold, warm, coldRatio: +(cold.ms / baseline.ms).toFixed(1), warmRatio: +(warm.ms / baseline.ms).toFixed(1) }));
