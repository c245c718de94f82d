// Issue 9 item 4: the handlers reach progress reports only through the turn's reports port
// (conversation/ports.ts ReportsPort; default conversation/report-store.ts). A bot given a port that
// records its calls shows every read and write of a report / correct / withdraw / history
// conversation passing that door, with the rows really stored by the default store underneath.
import { afterAll, beforeAll, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { createBot } from "../../src/conversation/bot.js";
import type { ReportsPort } from "../../src/conversation/ports.js";
import { reportStore } from "../../src/conversation/report-store.js";
import type { Bot } from "../../src/conversation/types.js";
import { silentLogger } from "../../src/logger.js";
import { createTurnPorts } from "../../src/turn-ports.js";
import { talk } from "../helpers/conversation.js";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { seededDatabase } from "../helpers/seeded.js";

describeEachEngine("the reports port", (engine) => {
  let db: TestDatabase;
  let bot: Bot;
  let head: number;
  const calls: string[] = [];
  beforeAll(async () => {
    db = await seededDatabase(engine);
    const recorded = Object.fromEntries(
      Object.entries(reportStore).map(([name, fn]) => [name, (...args: unknown[]) => (calls.push(name), (fn as (...a: unknown[]) => unknown)(...args))]),
    ) as unknown as ReportsPort;
    bot = createBot({ ports: { ...createTurnPorts({ db, log: silentLogger }), reports: recorded }, db, clock: fixedClock("2021-11-15T10:00:00+08:00"), log: silentLogger });
    head = (await db.prisma.user.findFirstOrThrow({ where: { name: "王建国" } })).id;
  }, 120_000);
  afterAll(() => db?.dispose());

  it("report, confirm, correct, withdraw and history all go through it", async () => {
    await talk(bot, head)
      .send("十月份调解成功率99.2%").expect(/请确认/)
      .send("确认").expect(/已记录/)
      .send("十月份的调解成功率改成98.8%").expect(/请确认/)
      .send("确认").expect(/已/)
      .send("删除上次的数据").expect(/撤回/)
      .send("确认").expect(/已/)
      .send("调解成功率10月的记录").expect(/99\.2|98\.8/);
    for (const door of ["currentFor", "append", "lastStandingOf", "periodHistory", "indicatorHistory"]) expect(calls).toContain(door);
    const stored = await db.prisma.progressReport.count({ where: { reportedById: head } });
    expect(stored).toBe(calls.filter((c) => c === "append").length);
  });
});
