// Fan-out benchmark: 2,000 reminders due at one moment, through the real outbox (worker, token
// buckets, retries) to a fake messenger on 127.0.0.1 that accepts at most 50 sends/s (a token
// bucket, 429 + retry-after beyond it) — Feishu's per-app limit. Prints the total time against the
// 40 s floor (2,000 / 50; the fake starts with a full bucket of 50, so 39 s is reachable), the
// 429s, and duplicates (keys accepted more than once: must be 0).
//   npx tsx scripts/bench-reminders.ts            (embedded PGlite; DATABASE_URL=… for PostgreSQL)
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { openDatabase } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { loadDataFiles } from "../src/catalog/default-data.js";
import { silentLogger } from "../src/logger.js";
import { createOutbox, RetryableError, type Sender } from "../src/outbox/index.js";
import { runDueReminders } from "../src/reminders/deliver.js";
import { reminderContext } from "../src/reminders/index.js";
import { cycleStatus } from "../src/reminders/missing.js";
import { makeCycle } from "../src/domain/reporting-calendar.js";

const N = 2_000;
const RATE = 50;
const NOW = new Date("2021-12-03T09:00:00+08:00"); // personal reminders "每月3号" are due

/** The fake messenger: a token bucket of RATE/s (burst RATE); counts what it accepted per key. */
function fakeMessenger() {
  const accepted = new Map<string, number>();
  let tokens = RATE;
  let last = performance.now();
  let rejected = 0;
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const now = performance.now();
      tokens = Math.min(RATE, tokens + ((now - last) / 1000) * RATE);
      last = now;
      if (tokens < 1) {
        rejected++;
        res.writeHead(429, { "retry-after-ms": String(Math.ceil(((1 - tokens) / RATE) * 1000)) }).end();
        return;
      }
      tokens -= 1;
      const { key } = JSON.parse(body) as { key: string };
      accepted.set(key, (accepted.get(key) ?? 0) + 1);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ message_id: `m_${accepted.size}` }));
    });
  });
  return { server, accepted, rejected: () => rejected };
}

function fakeSender(base: string): Sender {
  return {
    platform: "feishu",
    rateKey: (t) => String(t.receive_id),
    async send(target, payload, key) {
      const r = await fetch(`${base}/send`, { method: "POST", body: JSON.stringify({ target, payload, key }) });
      if (r.status === 429) throw new RetryableError("429", Number(r.headers.get("retry-after-ms") ?? 1000));
      if (!r.ok) throw new RetryableError(`HTTP ${r.status}`);
      return { externalId: ((await r.json()) as { message_id: string }).message_id };
    },
  };
}

async function main() {
  const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: "memory://" });
  await migrate(db);
  await loadDataFiles(db, { catalogFile: "data/goal-table-2021.json", orgFile: "data/org-chart.json" });
  if ((await db.prisma.reminderDelivery.count()) > 0) throw new Error("use an empty database");
  // N staff across the sections that have November data missing (a section that reported
  // everything gets no reminders), each with "提醒我每月3号报"; the default stages are switched off
  // so exactly N reminders are due.
  const ctx = reminderContext(db);
  const { missing } = await cycleStatus(db, makeCycle(ctx.calendar, 2021, 11, ctx.settings.deadlineDay));
  const sections = [...new Set(missing.map((m) => m.sectionId))].map((id) => ({ id }));
  await db.prisma.user.createMany({ data: Array.from({ length: N }, (_, i) => ({ name: `bench${i}`, sectionId: sections[i % sections.length]!.id })) });
  const users = await db.prisma.user.findMany({ where: { name: { startsWith: "bench" } }, select: { id: true, name: true } });
  await db.prisma.identity.createMany({ data: users.map((u) => ({ userId: u.id, platform: "feishu" as const, externalId: `ou_${u.name}` })) });
  await db.prisma.reminderRule.createMany({ data: users.map((u) => ({ code: `personal-${u.id}-3`, kind: "personal", dayOfMonth: 3, userId: u.id })) });
  await runDueReminders(ctx, new Date("2021-11-01T12:00:00+08:00")); // inserts the default rules
  await db.prisma.reminderRule.updateMany({ where: { kind: { not: "personal" } }, data: { enabled: false } });

  const fake = fakeMessenger();
  await new Promise<void>((r) => fake.server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  const outbox = createOutbox({ db, senders: [fakeSender(base)], log: silentLogger, rateLimits: { perApp: RATE, perRecipient: 5 }, pollMs: 200 });
  outbox.start();

  const t0 = performance.now();
  const tick = await runDueReminders({ ...ctx, outbox }, NOW);
  const enqueuedMs = performance.now() - t0;
  while (fake.accepted.size < N && performance.now() - t0 < 110_000) await new Promise((r) => setTimeout(r, 50));
  const totalMs = performance.now() - t0;
  const again = await runDueReminders({ ...ctx, outbox }, NOW); // a second tick must add nothing
  await new Promise((r) => setTimeout(r, 1500)); // anything late would show up as a duplicate now
  await outbox.stop();
  fake.server.close();

  const duplicates = [...fake.accepted.values()].reduce((n, c) => n + c - 1, 0);
  const statuses = await db.prisma.outboundMessage.groupBy({ by: ["status"], _count: true });
  const floorMs = (N / RATE) * 1000;
  console.log(
    JSON.stringify(
      {
        engine: db.engine,
        reminders: tick.sent.length,
        delivered: fake.accepted.size,
        duplicates,
        rejected429: fake.rejected(),
        secondTickSent: again.sent.length,
        planAndEnqueueMs: Math.round(enqueuedMs),
        totalMs: Math.round(totalMs),
        floorMs,
        overFloor: `${(((totalMs - floorMs) / floorMs) * 100).toFixed(1)}%`,
        outbox: Object.fromEntries(statuses.map((s) => [s.status, s._count])),
      },
      null,
      2,
    ),
  );
  await db.close();
  if (duplicates > 0 || fake.accepted.size < N) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
