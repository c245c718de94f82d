// Two bot instances on one PostgreSQL, ticking at the same moments: the advisory lock lets one
// tick at a time, and even without it the unique delivery key lets only one of them send.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { silentLogger } from "../../src/logger.js";
import { deliverPlanned } from "../../src/reminders/deliver.js";
import { planReminders } from "../../src/reminders/plan.js";
import { createReminderScheduler } from "../../src/reminders/scheduler.js";
import { engines, type TestDatabase } from "../helpers/engines.js";
import { context } from "../helpers/reminders.js";
import { seededDatabase } from "../helpers/seeded.js";

describe.skipIf(!engines.includes("postgres"))("reminders: two instances on one PostgreSQL", () => {
  let db: TestDatabase;
  let other: Database;
  beforeAll(async () => {
    db = await seededDatabase("postgres");
    other = await openDatabase({ databaseUrl: db.url, dataDir: "unused" });
  });
  afterAll(async () => {
    await other?.close();
    await db?.dispose();
  });

  it("ticking concurrently, 10 times each, sends every reminder exactly once", async () => {
    const clock = fixedClock("2021-12-01T09:00:00+08:00");
    const a = createReminderScheduler({ ctx: context(db), clock, log: silentLogger, cron: "* * * * *" });
    const b = createReminderScheduler({ ctx: context(other), clock, log: silentLogger, cron: "* * * * *" });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).tick()));
    const sent = results.flatMap((r) => r.sent.map((s) => s.key));
    // Every section head: each section still owes November or, for 定性 indicators, the third quarter
    // (src/domain/missing.ts).
    expect(sent).toHaveLength(14);
    expect(new Set(sent).size).toBe(14);
    expect(await db.prisma.reminderDelivery.count()).toBe(14);
    expect(await db.prisma.outboundMessage.count()).toBe(14);
  });

  it("without the lock, both plan the same 14 reminders and the unique key lets one of them send each", async () => {
    const now = new Date("2021-12-06T09:00:00+08:00");
    const [pa, pb] = await Promise.all([planReminders(context(db), now), planReminders(context(other), now)]);
    expect(pa.items.filter((i) => i.status === "due")).toHaveLength(14);
    expect(pb.items.filter((i) => i.status === "due")).toHaveLength(14);
    const [ra, rb] = await Promise.all([deliverPlanned(context(db), pa.items), deliverPlanned(context(other), pb.items)]);
    expect(ra.sent.length + rb.sent.length).toBe(14);
    expect(ra.collided + rb.collided).toBe(14);
    expect(await db.prisma.outboundMessage.count()).toBe(28);
  });
});
