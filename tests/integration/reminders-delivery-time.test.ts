// Business time vs wall-clock time: reminders are planned at business time (BOT_NOW, `--now`), but
// the outbox rows they create are due at the outbox's wall clock — the time its worker compares
// with. A plan stamped with the business time would park a `--now` in the future until that day.
import { afterAll, beforeAll, expect, it } from "vitest";
import { deliverPlanned } from "../../src/reminders/deliver.js";
import { planReminders } from "../../src/reminders/plan.js";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { context } from "../helpers/reminders.js";
import { seededDatabase } from "../helpers/seeded.js";

describeEachEngine("reminders: outbox rows are due at wall-clock time", (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await seededDatabase(engine);
  }, 120_000);
  afterAll(() => db?.dispose());

  it("rows get the outbox's now, not the plan's business now", async () => {
    const business = new Date("2021-12-01T09:00:00+08:00");
    const wall = new Date("2026-03-02T03:04:05.000Z");
    const plan = await planReminders(context(db), business);
    const due = plan.items.filter((i) => i.status === "due");
    expect(due.length).toBeGreaterThan(0);
    let kicks = 0;
    const { sent } = await deliverPlanned({ ...context(db), outbox: { kick: () => kicks++, now: () => wall } }, plan.items);
    expect(sent).toHaveLength(due.length);
    expect(kicks).toBeGreaterThan(0);
    const rows = await db.prisma.outboundMessage.findMany({ where: { idempotencyKey: { in: due.map((d) => d.key) } } });
    expect(rows).toHaveLength(due.length);
    for (const r of rows) expect(r.nextAttemptAt).toEqual(wall);
  });

  it("without an outbox (the CLI's `reminders run`), rows are due at the real time", async () => {
    const business = new Date("2021-12-06T09:00:00+08:00");
    const plan = await planReminders(context(db), business);
    const due = plan.items.filter((i) => i.status === "due");
    expect(due.length).toBeGreaterThan(0);
    const before = Date.now();
    await deliverPlanned(context(db), plan.items);
    const after = Date.now();
    const rows = await db.prisma.outboundMessage.findMany({ where: { idempotencyKey: { in: due.map((d) => d.key) } } });
    expect(rows).toHaveLength(due.length);
    for (const r of rows) {
      expect(r.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before);
      expect(r.nextAttemptAt.getTime()).toBeLessThanOrEqual(after);
    }
  });
});
