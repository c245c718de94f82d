// Bench: a burst of N signed, encrypted Feishu events POSTed to the real webhook channel (real
// pipeline, outbox and conversation core, PostgreSQL behind), next to a bare express handler
// measured in the same run. Reports events/s and ack latency p50/p99 for both and their ratio,
// then waits for every reply at the fake Open API and counts replies lost and duplicated.
// A tenth of the events are redelivered under new event_ids (as Feishu does) and must not be
// answered twice.
//   npx tsx scripts/bench-feishu-webhook.ts            (N=500 CONCURRENCY=50; a fresh test DB on
//   the local PostgreSQL, TEST_PG_URL; or DATABASE_URL=postgres://… to use that database)
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { loadDataFiles } from "../src/catalog/default-data.js";
import { openDatabase, type Database } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { freshDatabase } from "../tests/helpers/engines.js";
import { DEFAULT_FILES } from "../tests/helpers/seeded.js";
import { waitFor } from "../tests/e2e/fakes/feishu-openapi.js";
import { messageEnvelope, signedRequest, startFeishuHarness } from "../tests/e2e/feishu-harness.js";

const N = Number(process.env.N ?? 500);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);
const USERS = ["ou_demo_mediation_head", "ou_demo_mediation_staff1", "ou_demo_mediation_staff2", "ou_demo_office_head", "ou_demo_office_staff1", "ou_demo_political_head", "ou_demo_political_staff1", "ou_demo_legislation_head", "ou_demo_legislation_staff1", "ou_bench_unknown"];

type Req = { headers: Record<string, string>; body: string };

async function burst(url: string, requests: Req[]): Promise<{ latencies: number[]; seconds: number; statuses: Map<number, number> }> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        const t = performance.now();
        const res = await fetch(url, { method: "POST", headers: r.headers, body: r.body });
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000, statuses };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function bareServer(): Promise<{ url: string; server: Server }> {
  const app = express().post("/feishu/events", express.raw({ type: () => true, limit: 256 * 1024 }), (_req, res) => {
    res.json({});
  });
  const server = await new Promise<Server>((r) => {
    const s = app.listen(0, "127.0.0.1", () => r(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/feishu/events`, server };
}

async function openBenchDatabase(): Promise<{ db: Database; dispose: () => Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: "unused" });
    await migrate(db);
    return { db, dispose: () => db.close() };
  }
  const db = await freshDatabase("postgres");
  return { db, dispose: () => db.dispose() };
}

async function main(): Promise<void> {
  const { db, dispose } = await openBenchDatabase();
  await loadDataFiles(db, DEFAULT_FILES);
  const h = await startFeishuHarness({ db, mode: "webhook" });
  const bare = await bareServer();
  try {
    const envelopes = Array.from({ length: N }, (_, i) => messageEnvelope({ text: "调解成功率的目标是多少", openId: USERS[i % USERS.length]! }));
    const redeliveries = envelopes.filter((_, i) => i % 10 === 0).map((e) => ({ ...e, header: { ...e.header, event_id: `${e.header.event_id}-retry` } }));
    const requests = [...envelopes, ...redeliveries].map((e) => signedRequest(e));
    await burst(bare.url, requests.slice(0, 50)); // warm-up both
    await burst(h.eventsUrl!, [signedRequest(messageEnvelope({ text: "帮助", openId: USERS[0]! }))]);
    await waitFor(() => h.api.messages.length >= 1, 20_000, "warm-up reply");
    const sentBefore = h.api.messages.length;

    const b = await burst(bare.url, requests);
    const w = await burst(h.eventsUrl!, requests);
    const ackedAt = performance.now();
    const ids = new Set(envelopes.map((e) => e.event.message.message_id));
    const repliesFor = () => h.api.messages.slice(sentBefore).filter((m) => ids.has(m.uuid?.split(":")[1] ?? ""));
    await waitFor(() => repliesFor().length >= N, 60_000 + (N / 50) * 2_000, "all replies").catch(() => {});
    const drainSeconds = (performance.now() - ackedAt) / 1000;
    const perMessage = new Map<string, number>();
    for (const m of repliesFor()) perMessage.set(m.uuid!.split(":")[1]!, (perMessage.get(m.uuid!.split(":")[1]!) ?? 0) + 1);
    const lost = [...ids].filter((id) => !perMessage.has(id)).length;
    const duplicated = [...perMessage.values()].reduce((s, n) => s + Math.max(0, n - 1), 0);
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    console.log(`engine postgres · ${N} events + ${redeliveries.length} redeliveries · concurrency ${CONCURRENCY}`);
    console.log(`bare express : ${(requests.length / b.seconds).toFixed(0)} events/s, ack p50 ${ms(pct(b.latencies, 50))}, p99 ${ms(pct(b.latencies, 99))}`);
    console.log(`feishu hook  : ${(requests.length / w.seconds).toFixed(0)} events/s, ack p50 ${ms(pct(w.latencies, 50))}, p99 ${ms(pct(w.latencies, 99))}, statuses ${JSON.stringify(Object.fromEntries(w.statuses))}`);
    console.log(`hook / bare  : throughput ${(b.seconds / w.seconds).toFixed(2)}, ack p50 ${(pct(w.latencies, 50) / pct(b.latencies, 50)).toFixed(1)}×, p99 ${(pct(w.latencies, 99) / pct(b.latencies, 99)).toFixed(1)}×`);
    console.log(`replies      : ${perMessage.size}/${N} answered in ${drainSeconds.toFixed(1)} s after the last ack (outbox paced at 50/s per app, 5/s per user)`);
    console.log(`lost ${lost} (must be 0) · duplicated ${duplicated} (must be 0) · re-sends suppressed by uuid at the fake ${h.api.duplicatesSuppressed}`);
    if (lost || duplicated) process.exitCode = 1;
  } finally {
    bare.server.closeAllConnections();
    bare.server.close();
    await h.close();
    await dispose();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
