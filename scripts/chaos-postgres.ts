// Chaos (issue 10, PostgreSQL half): a 200-event burst of signed Feishu webhook events against the
// real channel (pipeline, conversation core, outbox; fake Open API) on a PostgreSQL database of its
// own, while an admin connection terminates every backend of that database every 200 ms, and for
// 10 s in the middle the database refuses connections altogether (ALTER DATABASE … ALLOW_CONNECTIONS
// false + terminate; the shared server keeps running). Each user sends in sequence (the next message
// after the previous was acked, as one person types); whatever is not acked 200 is redelivered, as
// Feishu does. Prints events sent, answered (reply at the fake Open API), lost, duplicated (a turn
// committed twice, or a reply delivered twice), out of order (turns of one user committed in another
// order than sent).
//   npx tsx scripts/chaos-postgres.ts        EVENTS=200 USERS=10 TEST_PG_URL=postgresql://postgres@127.0.0.1:5432/postgres
import pg from "pg";
import { loadDataFiles } from "../src/catalog/default-data.js";
import { createBot } from "../src/conversation/bot.js";
import { createTurnPorts } from "../src/turn-ports.js";
import type { Bot } from "../src/conversation/types.js";
import { fixedClock } from "../src/clock.js";
import { silentLogger } from "../src/logger.js";
import { freshDatabase, PG_ADMIN_URL } from "../tests/helpers/engines.js";
import { DEFAULT_FILES } from "../tests/helpers/seeded.js";
import { waitFor } from "../tests/e2e/fakes/feishu-openapi.js";
import { BOT_NOW, messageEnvelope, signedRequest, startFeishuHarness } from "../tests/e2e/feishu-harness.js";

const EVENTS = Number(process.env.EVENTS ?? 200);
const USERS = ["ou_demo_mediation_head", "ou_demo_mediation_staff1", "ou_demo_mediation_staff2", "ou_demo_office_head", "ou_demo_office_staff1", "ou_demo_political_head", "ou_demo_political_staff1", "ou_demo_legislation_head", "ou_demo_legislation_staff1", "ou_demo_office_admin"].slice(0, Number(process.env.USERS ?? 10));
const TEXTS = ["本月调解成功率99.2%", "确认", "调解成功率的目标是多少", "帮助", "还有哪些没报"];
const KILL_EVERY_MS = 200;
const OUTAGE = { fromMs: 2_000, forMs: 10_000 };

async function main(): Promise<void> {
  const db = await freshDatabase("postgres");
  const dbName = new URL(db.url!).pathname.slice(1);
  await loadDataFiles(db, DEFAULT_FILES);
  const commits = new Map<string, number>();
  const committedOrder = new Map<string, string[]>();
  const inner = createBot({ ports: createTurnPorts({ db, log: silentLogger }), db, clock: fixedClock(BOT_NOW), log: silentLogger });
  const bot: Bot = {
    handle: async (m, commit) => {
      const replies = await inner.handle(m, commit);
      commits.set(m.messageId, (commits.get(m.messageId) ?? 0) + 1);
      committedOrder.set(m.externalUserId, [...(committedOrder.get(m.externalUserId) ?? []), m.messageId]);
      return replies;
    },
    handleAction: (a) => inner.handleAction(a),
  };
  const h = await startFeishuHarness({ db, mode: "webhook", bot, inbound: { recoverEveryMs: 2_000, leaseMs: 20_000 } });
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  admin.on("error", () => {});
  await admin.connect();
  const terminate = () => admin.query("SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [dbName]);
  let killed = 0;
  let chaos = true;
  const t0 = Date.now();
  const chaosLoop = (async () => {
    let outage: "before" | "on" | "after" = "before";
    while (chaos) {
      const at = Date.now() - t0;
      if (outage === "before" && at >= OUTAGE.fromMs) {
        await admin.query(`ALTER DATABASE ${dbName} WITH ALLOW_CONNECTIONS false`);
        outage = "on";
      } else if (outage === "on" && at >= OUTAGE.fromMs + OUTAGE.forMs) {
        await admin.query(`ALTER DATABASE ${dbName} WITH ALLOW_CONNECTIONS true`);
        outage = "after";
      }
      killed += (await terminate()).rows[0].n as number;
      await new Promise((r) => setTimeout(r, KILL_EVERY_MS));
    }
    if (outage === "on") await admin.query(`ALTER DATABASE ${dbName} WITH ALLOW_CONNECTIONS true`);
  })();

  // Each user types in sequence; a message not acked 200 is redelivered (1 s apart) until it is.
  const sentOrder = new Map<string, string[]>();
  const ids: string[] = [];
  let posts = 0;
  let refused = 0;
  const perUser = Math.ceil(EVENTS / USERS.length);
  await Promise.all(
    USERS.map(async (openId, u) => {
      for (let i = 0; i < perUser && u * perUser + i < EVENTS; i++) {
        const e = messageEnvelope({ text: TEXTS[i % TEXTS.length]!, openId });
        const id = e.event.message.message_id;
        ids.push(id);
        for (;;) {
          posts++;
          const { headers, body } = signedRequest(e);
          const status = await fetch(h.eventsUrl!, { method: "POST", headers, body, signal: AbortSignal.timeout(10_000) }).then((r) => r.status, () => 0);
          if (status === 200) break;
          refused++;
          await new Promise((r) => setTimeout(r, 1_000));
        }
        sentOrder.set(openId, [...(sentOrder.get(openId) ?? []), id]);
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }),
  );
  const sentFor = (Date.now() - t0) / 1000;
  // Keep the chaos going until the outage has passed and a little after, then let everything settle.
  while (Date.now() - t0 < OUTAGE.fromMs + OUTAGE.forMs + 3_000) await new Promise((r) => setTimeout(r, 200));
  chaos = false;
  await chaosLoop;
  const idSet = new Set(ids);
  const replied = () => new Set(h.api.messages.map((m) => m.uuid?.split(":")[1] ?? "").filter((id) => idSet.has(id)));
  await waitFor(() => replied().size >= ids.length, 180_000, "every answer").catch(() => {});
  const answered = replied();
  const deliveries = new Map<string, number>();
  for (const m of h.api.messages) if (m.uuid) deliveries.set(m.uuid, (deliveries.get(m.uuid) ?? 0) + 1);
  const lost = ids.filter((id) => !answered.has(id)).length;
  const duplicated = [...commits.values()].reduce((s, n) => s + Math.max(0, n - 1), 0) + [...deliveries.values()].reduce((s, n) => s + Math.max(0, n - 1), 0);
  let outOfOrder = 0;
  for (const [user, sent] of sentOrder) {
    const done = (committedOrder.get(user) ?? []).filter((id, i, all) => all.indexOf(id) === i);
    outOfOrder += sent.filter((id, i) => done[i] !== id).length;
  }
  console.log(
    `chaos-postgres · backends terminated every ${KILL_EVERY_MS} ms (${killed} in all), database closed to connections ${OUTAGE.forMs / 1000} s from t=${OUTAGE.fromMs / 1000} s\n` +
      `events sent ${ids.length} (${posts} POSTs, ${refused} not acked and redelivered, over ${sentFor.toFixed(1)} s) · answered ${answered.size} · lost ${lost} · duplicated ${duplicated} · out of order ${outOfOrder}`,
  );
  if (lost || duplicated || outOfOrder) process.exitCode = 1;
  await admin.end();
  await h.close(true, 2_000);
  await db.dispose();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
