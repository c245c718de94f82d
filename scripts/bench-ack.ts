// Webhook ack latency of the bot as users run it, against a bare express process, three processes
// apart so that none steals the others' event loop:
//   bot      `npm start` in Feishu webhook mode, FEISHU_DOMAIN → the fake Open API (a 4th process)
//   baseline a bare express process: express.json() parses the body, answers 200 {}
//   load     a separate process that POSTs signed, encrypted im.message.receive_v1 events (new
//            event_ids: every one is recorded and answered) over 1 or 10 keep-alive connections
// Phases alternate (bare, bot / bot, bare …) at 1 and 10 connections, 3 repetitions, on PostgreSQL
// (a fresh database on TEST_PG_URL's server) and on PGlite (a fresh DATA_DIR). Prints p50/p99 of
// each phase and the ratio bot/bare. Goal (issue 15): p99 ratio ≤ 2× on PostgreSQL, ≤ 3× on PGlite.
//   npx tsx scripts/bench-ack.ts            (N1=150 N10=600 requests per phase; ENGINES=postgres,pglite)
// Roles (internal): --role=fake | --role=load URL CONNECTIONS N
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, ROOT } from "../tests/helpers/spawn.js";

const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const role = process.argv.find((a) => a.startsWith("--role="))?.slice(7);
const USERS = ["ou_demo_mediation_head", "ou_demo_mediation_staff1", "ou_demo_mediation_staff2", "ou_demo_office_head", "ou_demo_office_staff1", "ou_demo_political_head", "ou_demo_political_staff1", "ou_demo_legislation_head", "ou_demo_legislation_staff1"];
const QUESTIONS = ["调解成功率的目标是多少", "培训人次进度", "我们有什么指标", "还有哪些没报"];

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

interface Proc {
  child: ChildProcess;
  lines: string[];
  stop(): Promise<void>;
}

function start(cmd: string, args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"], detached: true });
  const lines: string[] = [];
  let err = "";
  child.stdout!.on("data", (d: Buffer) => lines.push(...d.toString().split("\n").filter(Boolean)));
  child.stderr!.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  child.once("exit", (code) => {
    if (code && code !== 143) process.stderr.write(`${cmd} ${args.join(" ")} exited ${code}: ${err}\n`);
  });
  return {
    child,
    lines,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode) return resolve();
        child.once("exit", () => resolve());
        const kill = (signal: NodeJS.Signals) => {
          try {
            process.kill(-child.pid!, signal); // the group: npm, sh and node
          } catch {
            // already gone
          }
        };
        kill("SIGTERM");
        const timer = setTimeout(() => kill("SIGKILL"), 10_000);
        child.once("exit", () => clearTimeout(timer));
      }),
  };
}

async function until<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, ms = 180_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const healthy = (port: number) => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok || undefined, () => undefined);

async function load(url: string, connections: number, n: number): Promise<{ p50: number; p99: number; statuses: Record<string, number> }> {
  const p = start(TSX, ["scripts/bench-ack.ts", "--role=load", url, String(connections), String(n)]);
  await new Promise((r) => p.child.once("exit", r));
  const line = p.lines.find((l) => l.startsWith("{"));
  if (!line) throw new Error(`load generator printed nothing for ${url}`);
  return JSON.parse(line);
}

async function engineRun(engine: "postgres" | "pglite", fakeBase: string, bareUrl: string): Promise<void> {
  const { APP } = await import("../tests/e2e/feishu-harness.js");
  let dbEnv: Record<string, string>;
  let dropDb = async () => {};
  if (engine === "postgres") {
    const { freshDatabase } = await import("../tests/helpers/engines.js");
    const db = await freshDatabase("postgres");
    await db.close();
    dbEnv = { DATABASE_URL: db.url! };
    dropDb = () => db.dispose();
  } else {
    dbEnv = { DATA_DIR: mkdtempSync(path.join(tmpdir(), "jx-bench-ack-")) };
  }
  const port = await freePort();
  const bot = start("npm", ["start", "--silent"], {
    ...dbEnv,
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    REMINDERS: "off",
    BOT_NOW: "2021-11-15T10:00:00+08:00",
    FEISHU_APP_ID: APP.appId,
    FEISHU_APP_SECRET: APP.appSecret,
    FEISHU_MODE: "webhook",
    FEISHU_ENCRYPT_KEY: APP.encryptKey,
    FEISHU_VERIFICATION_TOKEN: APP.verificationToken,
    FEISHU_DOMAIN: fakeBase,
  });
  try {
    await until("bot /readyz", () => healthy(port));
    const botUrl = `http://127.0.0.1:${port}/feishu/events`;
    await load(botUrl, 2, 40); // warm-up (JIT, pools, token)
    await load(bareUrl, 2, 40);
    const n = { 1: Number(process.env.N1 ?? 150), 10: Number(process.env.N10 ?? 600) };
    console.log(`\n${engine}: ack latency in ms (p50 / p99), ${n[1]} requests at 1 connection, ${n[10]} at 10`);
    for (let rep = 1; rep <= 3; rep++) {
      const cells: string[] = [];
      for (const c of [1, 10] as const) {
        const order = (rep + c) % 2 === 0 ? ["bare", "bot"] : ["bot", "bare"];
        const r: Record<string, Awaited<ReturnType<typeof load>>> = {};
        for (const which of order) r[which] = await load(which === "bot" ? botUrl : bareUrl, c, n[c]);
        const bad = Object.entries(r.bot!.statuses).filter(([s]) => s !== "200");
        cells.push(
          `${String(c).padStart(2)} conn: bare ${r.bare!.p50.toFixed(1)} / ${r.bare!.p99.toFixed(1)}, bot ${r.bot!.p50.toFixed(1)} / ${r.bot!.p99.toFixed(1)}` +
            ` → p50 ${(r.bot!.p50 / r.bare!.p50).toFixed(1)}×, p99 ${(r.bot!.p99 / r.bare!.p99).toFixed(1)}×${bad.length ? ` (non-200: ${JSON.stringify(Object.fromEntries(bad))})` : ""}`,
        );
      }
      console.log(`  run ${rep}  ${cells.join("  |  ")}`);
    }
  } finally {
    await bot.stop();
    await dropDb();
  }
}

async function drive(): Promise<void> {
  const fake = start(TSX, ["scripts/bench-ack.ts", "--role=fake"]);
  const barePort = await freePort();
  // The baseline: express parsing the JSON body, as a webhook handler minimally must.
  const bareJs = `const express = require("express"); express().post("/feishu/events", express.json({ limit: "256kb" }), (req, res) => res.json({})).listen(${barePort}, "127.0.0.1");`;
  const bare = start(process.execPath, ["-e", bareJs]);
  try {
    const fakeBase = await until("fake Open API", () => fake.lines.find((l) => l.startsWith("http")));
    await until("bare express", () => fetch(`http://127.0.0.1:${barePort}/`).then(() => true, () => undefined));
    const bareUrl = `http://127.0.0.1:${barePort}/feishu/events`;
    for (const engine of (process.env.ENGINES ?? "postgres,pglite").split(",") as Array<"postgres" | "pglite">) {
      await engineRun(engine, fakeBase, bareUrl);
    }
  } finally {
    await bare.stop();
    await fake.stop();
  }
}

if (role === "fake") {
  const { FakeFeishuOpenApi } = await import("../tests/e2e/fakes/feishu-openapi.js");
  const { APP } = await import("../tests/e2e/feishu-harness.js");
  const api = await new FakeFeishuOpenApi(APP).start();
  process.stdout.write(`${api.base}\n`);
  // Reports what it received on stdin's "count" line (lets the driver wait for the replies).
  process.stdin.on("data", () => process.stdout.write(`messages ${api.messages.length}\n`));
} else if (role === "load") {
  const [url, connections, n] = process.argv.slice(-3);
  const { messageEnvelope, signedRequest } = await import("../tests/e2e/feishu-harness.js");
  const requests = Array.from({ length: Number(n) }, (_, i) => signedRequest(messageEnvelope({ text: QUESTIONS[i % QUESTIONS.length]!, openId: USERS[i % USERS.length]! })));
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: Number(connections) }, async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        const t = performance.now();
        const res = await fetch(url!, { method: "POST", headers: r.headers, body: r.body });
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  process.stdout.write(JSON.stringify({ p50: pct(latencies, 50), p99: pct(latencies, 99), statuses }) + "\n");
} else {
  await drive();
}
