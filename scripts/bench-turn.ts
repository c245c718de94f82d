// One full conversation turn (identity + pending state + parse + DB reads/writes + reply) on embedded
// PGlite and on PostgreSQL, p50/p99 per kind of message, next to baselines from the same run: a bare
// `SELECT 1` through Prisma and the parser alone (so the DB share of a turn is visible).
//   npx tsx scripts/bench-turn.ts            (PostgreSQL: DATABASE_URL, else a fresh database on
//   N=300 npx tsx scripts/bench-turn.ts       postgresql://postgres@127.0.0.1:5432/postgres, dropped after)
import { randomBytes } from "node:crypto";
import pg from "pg";
import { fixedClock } from "../src/clock.js";
import { openDatabase, type Database } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { loadDataFiles } from "../src/catalog/default-data.js";
import { silentLogger } from "../src/logger.js";
import { createBot } from "../src/conversation/bot.js";
import { createTurnPorts } from "../src/turn-ports.js";
import { loadIndicatorCatalog } from "../src/conversation/indicator-catalog.js";
import { parseMessage } from "../src/conversation/nlu/parse.js";
import type { IncomingMessage } from "../src/conversation/types.js";

const N = Number(process.env.N ?? 200);
const FILES = { catalogFile: "data/goal-table-2021.json", orgFile: "data/org-chart.json" };
const ADMIN_URL = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Each entry is one turn; report + 取消 keeps the database from growing between rounds. */
const SCRIPT = [
  ["query_target", "调解成功率的目标是多少"],
  ["query_progress", "培训人次进度"],
  ["report_progress", "本月调解成功率99.2%"],
  ["cancel", "取消"],
  ["list_indicators", "我们有什么指标"],
  ["overdue", "还有哪些没报"],
] as const;

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { p50: q(0.5).toFixed(2), p99: q(0.99).toFixed(2) };
}

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function benchEngine(label: string, db: Database) {
  await migrate(db);
  await loadDataFiles(db, FILES);
  const user = await db.prisma.user.findFirstOrThrow({ where: { name: "李娜" } });
  const clock = fixedClock("2021-11-15T10:00:00+08:00");
  const bot = createBot({ ports: createTurnPorts({ db, log: silentLogger }), db, clock, log: silentLogger });
  const msg = (text: string, i: number): IncomingMessage => ({
    platform: "local", messageId: `b${i}`, externalUserId: String(user.id), chatId: "bench", chatType: "p2p", text, mentioned: false, receivedAt: new Date(), replyTo: {},
  });
  const { docs } = await loadIndicatorCatalog(db, clock.now());
  const perKind = new Map<string, number[]>(SCRIPT.map(([k]) => [k, []]));
  const all: number[] = [];
  const select1: number[] = [];
  const parseOnly: number[] = [];
  for (let round = -5; round < N; round++) {
    for (const [kind, text] of SCRIPT) {
      const ms = await time(() => bot.handle(msg(text, round)));
      if (round >= 0) (perKind.get(kind)!.push(ms), all.push(ms));
    }
    const s = await time(() => db.prisma.$queryRaw`SELECT 1`);
    const p = await time(async () => parseMessage(SCRIPT[0][1], { now: new Date(), indicators: docs }));
    if (round >= 0) (select1.push(s), parseOnly.push(p));
  }
  console.log(`\n${label}  (${N} rounds × ${SCRIPT.length} turns, ms)`);
  console.log(`  baseline SELECT 1 via Prisma  p50 ${stats(select1).p50}  p99 ${stats(select1).p99}`);
  console.log(`  baseline parse only           p50 ${stats(parseOnly).p50}  p99 ${stats(parseOnly).p99}`);
  console.log(`  full turn, all kinds          p50 ${stats(all).p50}  p99 ${stats(all).p99}`);
  for (const [kind, ms] of perKind) console.log(`    ${kind.padEnd(16)} p50 ${stats(ms).p50}  p99 ${stats(ms).p99}`);
}

async function withPostgres(fn: (db: Database) => Promise<void>) {
  if (process.env.DATABASE_URL) {
    const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: "unused" });
    try { return await fn(db); } finally { await db.close(); }
  }
  const name = `jx_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: "unused" });
  try {
    await fn(db);
  } finally {
    await db.close();
    await new Promise((r) => setTimeout(r, 200)); // let the pool's sockets close before dropping
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

const pglite = await openDatabase({ dataDir: "memory://" });
try {
  await benchEngine("PGlite (in-memory, a worker thread of this process)", pglite);
} finally {
  await pglite.close();
}
await withPostgres((db) => benchEngine(`PostgreSQL (${process.env.DATABASE_URL ? "DATABASE_URL" : "local, fresh database"})`, db));
