// Round trips per conversation turn: counts the SQL statements one turn sends to PostgreSQL inside
// bot.handle (not the inbound record or outbox row around it), for a target question, a report
// (the draft the user is asked to confirm) and its 确认. Goal (issue 15): 确认 ≤ 5, report ≤ 3,
// counted without BEGIN/COMMIT/ROLLBACK (the transaction's own bracket).
// Counted at the pg driver (DatabaseOptions.onStatement: every query of the pool's clients, which
// carry Prisma's adapter and the native calls of src/db), not from Prisma's query log: the log omits
// BEGIN and the SAVEPOINT / RELEASE pair of a nested transaction, which are round trips like any
// other (the old count of 13 for 确认 hid two of them: 15). tests/integration/statement-count.test.ts
// asserts the goals on both engines.
//   npx tsx scripts/count-statements.ts          (a fresh database on TEST_PG_URL's server; VERBOSE=1 lists them)
import { fixedClock } from "../src/clock.js";
import { loadDataFiles } from "../src/catalog/default-data.js";
import { silentLogger } from "../src/logger.js";
import { createBot } from "../src/conversation/bot.js";
import { createTurnPorts } from "../src/turn-ports.js";
import { freshDatabase } from "../tests/helpers/engines.js";

const statements: string[] = [];
const db = await freshDatabase("postgres", { onStatement: (sql) => statements.push(sql) });
await loadDataFiles(db, { catalogFile: "data/goal-table-2021.json", orgFile: "data/org-chart.json" });
const user = await db.prisma.user.findFirstOrThrow({ where: { name: "李娜" } });
const bot = createBot({ ports: createTurnPorts({ db, log: silentLogger }), db, clock: fixedClock("2021-11-15T10:00:00+08:00"), log: silentLogger });
let n = 0;
async function turn(label: string, text: string): Promise<void> {
  statements.length = 0;
  const replies = await bot.handle({ platform: "local", messageId: `c${n++}`, externalUserId: String(user.id), chatId: "count", chatType: "p2p", text, mentioned: false, receivedAt: new Date(), replyTo: {} });
  const sql = statements.filter((s) => !/^(BEGIN|COMMIT|ROLLBACK)\b/i.test(s.trim()));
  console.log(`${label.padEnd(16)} ${String(statements.length).padStart(3)} statements (${sql.length} without BEGIN/COMMIT)  → ${JSON.stringify(replies).slice(0, 60)}…`);
  if (process.env.VERBOSE) for (const s of statements) console.log(`    ${s.replace(/\s+/g, " ").trim().slice(0, 160)}`);
}
await turn("warm-up", "帮助");
await turn("target question", "调解成功率的目标是多少");
await turn("report (draft)", "本月调解成功率99.2%");
await turn("确认", "确认");
await turn("correction", "本月调解成功率99.5%");
await turn("确认 (correction)", "确认");
await db.dispose();
