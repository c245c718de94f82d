// Flat with history: p50 of every question that reads ProgressReport, with 500 reports of the year
// in the table and then with 10k / 100k / 1M older reports beneath them (PostgreSQL, a database of
// its own per size, dropped after). Each question must stay within 1.5× of its 500-report value.
// The history is filled with one INSERT … SELECT generate_series (seconds for 1M rows): monthly
// reports of the same indicators going back in time, every other row superseded by the next one
// (a correction), one in twenty a withdrawal, spread over all users — so 撤回/改成 and the
// reminder check meet superseded, withdrawn and foreign rows, as they would after years of use.
// Also prints EXPLAIN (ANALYZE, BUFFERS) of the 撤回 lookup and the reminder check at the largest size.
//   npx tsx scripts/bench-history.ts                    (SIZES=0,10000,100000,1000000 ROUNDS=30)
import { randomBytes } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../src/generated/prisma/client.js";
import { fixedClock } from "../src/clock.js";
import { openDatabase, type Database } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { loadDataFiles } from "../src/catalog/default-data.js";
import { silentLogger } from "../src/logger.js";
import { createBot } from "../src/conversation/bot.js";
import { createTurnPorts } from "../src/turn-ports.js";
import { lastStandingReportBy } from "../src/conversation/report-store.js";
import { cycleStatus } from "../src/reminders/missing.js";
import { reminderContext } from "../src/reminders/index.js";
import { makeCycle } from "../src/domain/reporting-calendar.js";
import type { IncomingMessage } from "../src/conversation/types.js";

const SIZES = (process.env.SIZES ?? "0,10000,100000,1000000").split(",").map(Number);
const ROUNDS = Number(process.env.ROUNDS ?? 30);
const CURRENT = 500;
const ADMIN_URL = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const FILES = { catalogFile: "data/goal-table-2021.json", orgFile: "data/org-chart.json" };

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function fill(db: Database, history: number): Promise<{ userId: number; indicatorId: number; newcomerId: number }> {
  const indicators = (await db.prisma.indicator.findMany({ where: { goalTable: { year: 2021 } }, select: { id: true }, orderBy: { id: "asc" } })).map((i) => i.id);
  const user = await db.prisma.user.findFirstOrThrow({ where: { name: "李娜" }, select: { id: true } });
  const others = (await db.prisma.user.findMany({ where: { id: { not: user.id } }, select: { id: true } })).map((u) => u.id);
  // The last user never reported (a newcomer): their 撤回 finds nothing — the lookup that has to
  // prove there is no row, the worst case for a scan.
  const newcomerId = others.pop()!;
  const users = [user.id, ...others];
  // History: ids 1..history, pairs (2k-1, 2k) share indicator and month, the even row supersedes the odd one.
  await db.query(
    `INSERT INTO "ProgressReport" (id, "indicatorId", "periodStart", "periodEnd", value, withdrawn, "reportedById", "createdAt", "supersedesId")
     SELECT g, ($1::int[])[1 + ((g - 1) / 2) % cardinality($1::int[])], m.start, (m.start + interval '1 month' - interval '1 day')::date,
            (g % 97)::float8, g % 20 = 0, ($2::int[])[1 + g % cardinality($2::int[])], now() - make_interval(secs => ($3::int - g)),
            CASE WHEN g % 2 = 0 THEN g - 1 END
     FROM generate_series(1, $3::int) AS g,
          LATERAL (SELECT (date '2020-12-01' - make_interval(months => ((g - 1) / 2) / cardinality($1::int[])))::date AS start) AS m`,
    [indicators, users, history],
  );
  // The year's 500 reports (January–October 2021), newer ids than all history, all standing.
  await db.query(
    `INSERT INTO "ProgressReport" (id, "indicatorId", "periodStart", "periodEnd", value, "reportedById")
     SELECT $3::int + g, ($1::int[])[1 + g % cardinality($1::int[])], m.start, (m.start + interval '1 month' - interval '1 day')::date,
            (g % 89)::float8, ($2::int[])[1 + g % cardinality($2::int[])]
     FROM generate_series(1, $4::int) AS g,
          LATERAL (SELECT make_date(2021, 1 + (g / cardinality($1::int[])) % 10, 1) AS start) AS m`,
    [indicators, users, history, CURRENT],
  );
  await db.exec(`SELECT setval(pg_get_serial_sequence('"ProgressReport"', 'id'), (SELECT max(id) FROM "ProgressReport")); ANALYZE "ProgressReport"`);
  const mine = await db.prisma.progressReport.findFirstOrThrow({ where: { reportedById: user.id, id: { gt: history } }, orderBy: { id: "asc" } });
  return { userId: user.id, indicatorId: mine.indicatorId, newcomerId };
}

async function measureSize(url: string, history: number, explain: boolean): Promise<Record<string, number>> {
  const base = await openDatabase({ databaseUrl: url, dataDir: "unused" });
  await migrate(base);
  await loadDataFiles(base, FILES);
  const { userId, indicatorId, newcomerId } = await fill(base, history);
  // A second Prisma client on the same database that logs its SQL, for EXPLAIN.
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on("error", () => {}); // an idle client dropped at the end is not a result
  const logged: Array<{ query: string; params: string }> = [];
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), log: [{ emit: "event", level: "query" }] });
  prisma.$on("query", (e) => logged.push({ query: e.query, params: e.params }));
  const db: Database = { ...base, prisma };
  const clock = fixedClock("2021-11-15T10:00:00+08:00");
  const bot = createBot({ ports: createTurnPorts({ db, log: silentLogger }), db, clock, log: silentLogger });
  const reminders = reminderContext(db);
  const cycle = makeCycle(reminders.calendar, 2021, 12, reminders.settings.deadlineDay);
  const turn = (text: string, i: number) => () =>
    bot.handle({ platform: "local", messageId: `h${history}-${i}-${text}`, externalUserId: String(userId), chatId: "bench", chatType: "p2p", text, mentioned: false, receivedAt: new Date(), replyTo: {} } satisfies IncomingMessage);
  const questions: Array<[string, (i: number) => () => Promise<unknown>]> = [
    ["target question", (i) => turn("调解成功率的目标是多少", i)],
    ["progress question", (i) => turn("培训人次进度", i)],
    ["overdue", (i) => turn("还有哪些没报", i)],
    ["撤回 lookup", () => () => lastStandingReportBy(db, userId)],
    ["改成 lookup", () => () => lastStandingReportBy(db, userId, indicatorId)],
    ["撤回, none to undo", () => () => lastStandingReportBy(db, newcomerId)],
    ["reminder check", () => () => cycleStatus(db, cycle)],
  ];
  const result: Record<string, number> = {};
  for (const [name, make] of questions) {
    const times: number[] = [];
    for (let i = -3; i < ROUNDS; i++) {
      const t0 = performance.now();
      await make(i)();
      if (i >= 0) times.push(performance.now() - t0);
    }
    result[name] = p50(times);
  }
  if (explain) {
    for (const [label, run] of [
      ["撤回 lookup (lastStandingReportBy)", () => lastStandingReportBy(db, userId)],
      ["撤回 lookup of a user with no reports (lastStandingReportBy)", () => lastStandingReportBy(db, newcomerId)],
      ["reminder check (cycleStatus)", () => cycleStatus(db, cycle)],
    ] as const) {
      logged.length = 0;
      await run();
      const q = logged.find((l) => l.query.includes(`"ProgressReport"`) && /SELECT/i.test(l.query))!;
      const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.query}`, JSON.parse(q.params) as unknown[]);
      console.log(`\nEXPLAIN ANALYZE — ${label}, ${history + CURRENT} reports\n${q.query}\n${plan.rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
    }
  }
  await prisma.$disconnect();
  await pool.end();
  await base.close();
  return result;
}

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `jx_bench_history_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    // pg-pool's end() resolves before its sockets close; a FORCE drop would kill them mid-goodbye.
    for (let i = 0; i < 40; i++) {
      const { rows } = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [name]);
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const rows: Array<[number, Record<string, number>]> = [];
for (const size of SIZES) {
  const r = await withDatabase((url) => measureSize(url, size, size === SIZES[SIZES.length - 1]));
  rows.push([size, r]);
  console.error(`… ${size} older reports done`);
}
const names = Object.keys(rows[0]![1]);
const baseline = rows[0]![1];
console.log(`\np50 per question in ms (PostgreSQL, ${ROUNDS} rounds), ratio to ${CURRENT} reports in brackets; goal ≤ 1.5×`);
console.log(["reports".padEnd(10), ...names.map((n) => n.padStart(19))].join(""));
for (const [size, r] of rows) {
  console.log([String(size + CURRENT).padEnd(10), ...names.map((n) => `${r[n]!.toFixed(2)} (${(r[n]! / baseline[n]!).toFixed(2)}×)`.padStart(20))].join(""));
}
