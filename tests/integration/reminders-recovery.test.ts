// Restarts and downtime: each scheduler instance is new (nothing in memory carries over), the
// database is the same. Missed reminders are caught up once; a stage whose window closed during
// the downtime is not sent late; a due reminder waits through quiet hours.
import { afterAll, beforeAll, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { silentLogger } from "../../src/logger.js";
import { planReminders } from "../../src/reminders/plan.js";
import { createReminderScheduler } from "../../src/reminders/scheduler.js";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { context } from "../helpers/reminders.js";
import { seededDatabase } from "../helpers/seeded.js";

describeEachEngine("reminders: restart mid-month", (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await seededDatabase(engine);
  });
  afterAll(async () => db?.dispose());

  /** A fresh process: new context, new scheduler, its clock pinned at `at` (Shanghai time). */
  const instance = (at: string) =>
    createReminderScheduler({ ctx: context(db), clock: fixedClock(`${at}+08:00`), log: silentLogger, cron: "* * * * *" });
  const deliveries = () => db.prisma.reminderDelivery.findMany({ orderBy: { id: "asc" } });

  it("an instance running on 30 Nov has nothing to send", async () => {
    expect((await instance("2021-11-30T12:00:00").tick()).sent).toEqual([]);
  });

  it("after being down on 1–2 Dec, the next start catches the 3-days-before reminders up — once", async () => {
    const b = instance("2021-12-03T10:00:00");
    b.start(); // node-cron schedule + an immediate tick
    await b.stop(); // waits for that tick
    const after = await deliveries();
    // Every one of the 14 section heads: with nothing reported, each section owes November or a
    // 定性 indicator's third quarter (src/domain/missing.ts — what "还有谁没报" says too).
    expect(after.map((d) => d.stage)).toEqual(Array(14).fill("before-3"));
    expect((await b.tick()).sent).toEqual([]);
    expect((await instance("2021-12-03T11:00:00").tick()).sent).toEqual([]);
    expect(await deliveries()).toHaveLength(14);
  });

  it("back at 20:30 on the deadline day: due but quiet — the plan says when it would go out", async () => {
    const now = new Date("2021-12-06T20:30:00+08:00");
    expect((await instance("2021-12-06T20:30:00").tick()).sent).toEqual([]);
    const plan = await planReminders(context(db), now);
    expect(new Set(plan.items.map((i) => i.status))).toEqual(new Set(["quiet"]));
    expect(plan.items[0]?.waitsUntil?.toISOString()).toBe(new Date("2021-12-07T08:00:00+08:00").toISOString());
  });

  it("by the next morning the deadline-day stage has closed: not sent late; the escalation goes out once at 09:00", async () => {
    expect((await instance("2021-12-07T08:00:00").tick()).sent).toEqual([]);
    const esc = await instance("2021-12-07T09:00:00").tick();
    expect(esc.sent.map((s) => [s.stage, s.recipient.name])).toEqual([["after-1", "张伟"]]);
    expect((await instance("2021-12-07T09:01:00").tick()).sent).toEqual([]);
    expect((await deliveries()).map((d) => d.stage).filter((s) => s !== "before-3")).toEqual(["after-1"]);
    expect(await db.prisma.outboundMessage.count()).toBe(15);
  });
});
