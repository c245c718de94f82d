// Round trips per conversation turn (issue 15 item 4), measured on both engines at the driver
// (DatabaseOptions.onStatement: Prisma's statements through its adapter, savepoints included, and
// the native calls), without the transaction's own BEGIN/COMMIT: a target question ≤ 3 statements,
// a report (the draft to confirm) ≤ 3, its 确认 ≤ 5 — also a correction's 确认, which writes an
// audit row too. And the guarantees the fewer statements must keep: the pending row is read with
// the identity, before the transaction, so a card pressed in between must still store once and be
// told as it happened (the typed 确认 claims the row by its token).
import { afterAll, beforeAll, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { createBot } from "../../src/conversation/bot.js";
import { renderAll } from "../../src/conversation/replies/render-text.js";
import type { Bot, Reply } from "../../src/conversation/types.js";
import { silentLogger } from "../../src/logger.js";
import { createTurnPorts } from "../../src/turn-ports.js";
import { createDirectory } from "../../src/users/directory.js";
import type { BotUser } from "../../src/users/bot-user.js";
import { loadDataFiles } from "../../src/catalog/default-data.js";
import { describeEachEngine, freshDatabase, type TestDatabase } from "../helpers/engines.js";
import { DEFAULT_FILES } from "../helpers/seeded.js";
import { buttonsOf, message } from "../helpers/conversation.js";
import { NOW } from "../helpers/bot-fixture.js";

describeEachEngine("statements per turn", (engine) => {
  const statements: string[] = [];
  let db: TestDatabase;
  let bot: Bot;
  let userId: number;
  const clock = fixedClock(NOW);
  beforeAll(async () => {
    db = await freshDatabase(engine, { onStatement: (sql) => statements.push(sql) });
    await loadDataFiles(db, DEFAULT_FILES);
    bot = createBot({ ports: createTurnPorts({ db, log: silentLogger }), db, clock, log: silentLogger });
    userId = (await db.prisma.user.findFirstOrThrow({ where: { name: "李娜" } })).id;
    await bot.handle(message({ externalUserId: String(userId) }, "帮助")); // the catalogue is cached from here on
  }, 120_000);
  afterAll(() => db?.dispose());

  /** The statements `text` costs (without BEGIN/COMMIT/ROLLBACK) and its replies. */
  async function measure(text: string): Promise<{ count: number; sql: string[]; replies: Reply[] }> {
    statements.length = 0;
    const replies = await bot.handle(message({ externalUserId: String(userId) }, text));
    const sql = statements.filter((s) => !/^\s*(BEGIN|COMMIT|ROLLBACK)\b/i.test(s));
    expect(sql.length, "the driver hook sees the turn's statements").toBeGreaterThan(0);
    return { count: sql.length, sql, replies };
  }
  const reportsOfNovember = () =>
    db.prisma.progressReport.findMany({ where: { indicator: { name: "调解成功率" }, periodStart: new Date("2021-11-01T00:00:00Z") }, orderBy: { id: "asc" } });

  it("target question ≤ 3, report ≤ 3, 确认 ≤ 5 — and the report is stored", async () => {
    const target = await measure("调解成功率的目标是多少");
    expect(renderAll(target.replies)).toContain("目标");
    expect(target.count, target.sql.join("\n")).toBeLessThanOrEqual(3);

    const report = await measure("本月调解成功率99.2%");
    expect(renderAll(report.replies)).toContain("请确认报送");
    expect(report.count, report.sql.join("\n")).toBeLessThanOrEqual(3);

    const confirm = await measure("确认");
    expect(renderAll(confirm.replies)).toMatch(/已记录[\s\S]*调解成功率/);
    expect(confirm.count, confirm.sql.join("\n")).toBeLessThanOrEqual(5);
    expect((await reportsOfNovember()).map((r) => r.value)).toEqual([99.2]);
  });

  it("a correction's 确认 (a new version + its audit row) ≤ 5", async () => {
    const [first] = await reportsOfNovember();
    const report = await measure("本月调解成功率99.5%");
    expect(renderAll(report.replies)).toContain("替换");
    expect(report.count, report.sql.join("\n")).toBeLessThanOrEqual(3);
    const confirm = await measure("确认");
    expect(confirm.count, confirm.sql.join("\n")).toBeLessThanOrEqual(5);
    const rows = await reportsOfNovember();
    expect(rows.map((r) => [r.value, r.supersedesId])).toEqual([[99.2, null], [99.5, first!.id]]);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "report.replace", subject: `report:${rows[1]!.id}` } });
    expect(audit).toMatchObject({ actorUserId: userId, at: clock.now() });
  });

  it("a card pressed after the identity (and its open dialog) was read: the typed 确认 stores nothing more and says what happened", async () => {
    const directory = createDirectory({ db, log: silentLogger });
    let snapshot: BotUser | null = null;
    // The typed turn's identity lookup ran before the press (its dialog snapshot holds the card's token).
    const late = createBot({ ports: { ...createTurnPorts({ db, log: silentLogger }), directory: { resolve: async () => snapshot } }, db, clock, log: silentLogger });
    const draft = await bot.handle(message({ externalUserId: String(userId) }, "10月调解成功率98.7%"));
    snapshot = await directory.resolve("local", String(userId));
    expect(snapshot?.dialog?.kind).toBe("confirm_report");
    const button = buttonsOf(draft).find((b) => b.label === "确认")!;
    const pressed = await bot.handleAction({ platform: "local", externalUserId: String(userId), value: button.value });
    expect(pressed.toast).toBe("已记录");
    const typed = await late.handle(message({ externalUserId: String(userId) }, "确认"));
    expect(renderAll(typed)).toMatch(/已于 10:00 确认保存/);
    const october = await db.prisma.progressReport.findMany({ where: { indicator: { name: "调解成功率" }, periodStart: new Date("2021-10-01T00:00:00Z") } });
    expect(october.map((r) => r.value)).toEqual([98.7]);
    expect(await db.prisma.auditLog.count({ where: { action: "pending.settled", subject: `pending:${button.value.token}` } })).toBe(1);
  });

  it("a card pressed after the identity was read, then a new report: the pressed card is not recorded as replaced", async () => {
    const directory = createDirectory({ db, log: silentLogger });
    let snapshot: BotUser | null = null;
    const late = createBot({ ports: { ...createTurnPorts({ db, log: silentLogger }), directory: { resolve: async () => snapshot } }, db, clock, log: silentLogger });
    const draft = await bot.handle(message({ externalUserId: String(userId) }, "9月调解成功率98.1%"));
    snapshot = await directory.resolve("local", String(userId));
    const button = buttonsOf(draft).find((b) => b.label === "确认")!;
    expect((await bot.handleAction({ platform: "local", externalUserId: String(userId), value: button.value })).toast).toBe("已记录");
    const next = await late.handle(message({ externalUserId: String(userId) }, "8月调解成功率97.9%"));
    expect(renderAll(next)).toContain("请确认报送");
    const settled = await db.prisma.auditLog.findMany({ where: { action: "pending.settled", subject: `pending:${button.value.token}` } });
    expect(settled.map((r) => (r.detail as { outcome: string }).outcome)).toEqual(["confirmed"]);
    // The new card is the open one and confirms normally.
    expect(renderAll(await bot.handle(message({ externalUserId: String(userId) }, "确认")))).toContain("已记录");
  });
});
