// Fault injection on the messenger side: the fake Feishu Open API answers every message request
// with 429 (code 99991400), HTTP 500 or no answer at all (the message stored, the request left
// hanging) in turn, for a window (default 5 minutes), while a burst of signed webhook events goes
// through the real channel, inbound pipeline, conversation core and outbox (production back-off:
// 1 s doubling, capped at 5 min; a send that does not answer in 5 s has an unknown outcome and is
// retried under the same uuid). After the window it waits for every reply and prints:
//   events sent, answered, lost (must be 0), duplicated (must be 0), out of order (must be 0)
// per user: the order of first arrival of the replies must be the order the events were sent.
//   npx tsx scripts/chaos-messenger.ts [window seconds, default 300] [events, default 200]
//   (embedded PGlite in memory; DATABASE_URL=postgres://… to run on PostgreSQL)
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { loadDataFiles } from "../src/catalog/default-data.js";
import { fixedClock } from "../src/clock.js";
import { createBot } from "../src/conversation/bot.js";
import { createTurnPorts } from "../src/turn-ports.js";
import { openDatabase } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { createHttpServer } from "../src/http/server.js";
import { silentLogger } from "../src/logger.js";
import { createOutbox } from "../src/outbox/index.js";
import { createFeishuChannel, createFeishuSender, WEBHOOK_PATH } from "../src/platforms/feishu/index.js";
import { FakeFeishuOpenApi, waitFor } from "../tests/e2e/fakes/feishu-openapi.js";
import { APP, BOT_NOW, messageEnvelope, signedRequest } from "../tests/e2e/feishu-harness.js";
import { DEFAULT_FILES } from "../tests/helpers/seeded.js";

const WINDOW_S = Number(process.argv[2] ?? 300);
const EVENTS = Number(process.argv[3] ?? 200);
const USERS = ["ou_demo_mediation_head", "ou_demo_mediation_staff1", "ou_demo_mediation_staff2", "ou_demo_office_head", "ou_demo_office_staff1", "ou_demo_political_head", "ou_demo_political_staff1", "ou_demo_legislation_head", "ou_demo_legislation_staff1", "ou_chaos_unknown"];
const QUESTIONS = ["调解成功率的目标是多少", "帮助", "值班律师的指标是多少人次", "指标列表"];

async function main(): Promise<void> {
  if (!Number.isFinite(WINDOW_S) || WINDOW_S < 0 || !Number.isInteger(EVENTS) || EVENTS < 1) {
    throw new Error("usage: npx tsx scripts/chaos-messenger.ts [window seconds] [events]");
  }
  const db = process.env.DATABASE_URL
    ? await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: "unused" })
    : await openDatabase({ dataDir: "memory://" });
  await migrate(db);
  await loadDataFiles(db, DEFAULT_FILES);
  const api = await new FakeFeishuOpenApi(APP).start();
  const config = {
    FEISHU_APP_ID: APP.appId,
    FEISHU_APP_SECRET: APP.appSecret,
    FEISHU_MODE: "webhook" as const,
    FEISHU_ENCRYPT_KEY: APP.encryptKey,
    FEISHU_VERIFICATION_TOKEN: APP.verificationToken,
    FEISHU_DOMAIN: api.base,
  };
  const log = silentLogger;
  const sender = createFeishuSender(config, log);
  const outbox = createOutbox({ db, senders: [sender], log, pollMs: 500, sendTimeoutMs: 5_000, leaseMs: 60_000 });
  const services = { db, log, clock: fixedClock(BOT_NOW) };
  const channel = createFeishuChannel({ config, services, bot: createBot({ ...services, ports: createTurnPorts({ db, log }) }), outbox, sender });
  const server: Server = await createHttpServer({ log, routers: [channel.router!] }).listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${WEBHOOK_PATH}`;
  outbox.start();
  await channel.start();
  try {
    const started = Date.now();
    api.outage = { until: started + WINDOW_S * 1000, modes: ["429", "500", "hang"] };
    console.log(`outage: Feishu answers 429 / 500 / hang in turn for ${WINDOW_S} s · burst of ${EVENTS} events from ${USERS.length} users`);
    // Each user's events go out one after another (acked before the next), users in parallel.
    const order = new Map<string, string[]>(); // user → message ids in the order sent
    let acked = 0;
    let redelivered = 0;
    await Promise.all(
      USERS.map(async (openId, u) => {
        const mine: string[] = [];
        order.set(openId, mine);
        for (let i = u; i < EVENTS; i += USERS.length) {
          const env = messageEnvelope({ text: QUESTIONS[i % QUESTIONS.length]!, openId });
          mine.push(env.event.message.message_id);
          const req = signedRequest(env);
          for (;;) {
            // Feishu redelivers an event that was not acked with 200 (a refused or reset request too).
            const status = await fetch(url, { method: "POST", headers: req.headers, body: req.body }).then(
              async (res) => (await res.arrayBuffer(), res.status),
              () => 0,
            );
            if (status === 200) break;
            redelivered++;
            await new Promise((r) => setTimeout(r, 500));
          }
          acked++;
        }
      }),
    );
    console.log(`events sent and acked: ${acked} in ${((Date.now() - started) / 1000).toFixed(1)} s (${redelivered} deliveries repeated after no ack)`);
    const ids = new Set([...order.values()].flat());
    const firstReplies = () => {
      const seen = new Map<string, number>(); // message id → index of its first reply at Feishu
      api.messages.forEach((m, i) => {
        const id = m.uuid?.split(":")[1];
        if (id && ids.has(id) && !seen.has(id)) seen.set(id, i);
      });
      return seen;
    };
    const limitS = WINDOW_S + 600 + EVENTS; // capped back-off: at most ~5 min after the window
    await waitFor(() => firstReplies().size >= ids.size, limitS * 1000, "every event answered").catch(() => undefined);
    const drained = (Date.now() - started) / 1000;
    const seen = firstReplies();
    const perUuid = new Map<string, number>();
    for (const m of api.messages) if (m.uuid) perUuid.set(m.uuid, (perUuid.get(m.uuid) ?? 0) + 1);
    const duplicated = [...perUuid.values()].reduce((s, n) => s + n - 1, 0);
    const lost = [...ids].filter((id) => !seen.has(id)).length;
    let outOfOrder = 0;
    for (const mine of order.values()) {
      const at = mine.map((id) => seen.get(id)).filter((x): x is number => x !== undefined);
      for (let i = 1; i < at.length; i++) if (at[i]! < at[i - 1]!) outOfOrder++;
    }
    const rows = await db.prisma.outboundMessage.groupBy({ by: ["status"], _count: { _all: true } });
    console.log(`message requests at Feishu: ${api.messageRequests} (re-sends absorbed by uuid: ${api.duplicatesSuppressed}, left hanging: ${api.hung.size})`);
    console.log(`outbox rows: ${rows.map((r) => `${r.status} ${r._count._all}`).join(", ")}`);
    console.log(`events sent ${ids.size} · answered ${seen.size} (all within ${drained.toFixed(0)} s of the burst) · lost ${lost} · duplicated ${duplicated} · out of order ${outOfOrder}`);
    if (lost || duplicated || outOfOrder) process.exitCode = 1;
  } finally {
    await channel.stop();
    await outbox.stop();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await api.stop();
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
