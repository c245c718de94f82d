// appendReport under concurrency: two confirms racing for one indicator and period (two people, or
// a typed 确认 and a card button) must leave one standing report, the other refused as a conflict —
// also for a first report, where supersedesId is null: the partial unique index of first reports
// (ProgressReport_first_of_period_key) catches the second, no lock. A refusal must not abort the
// turn's transaction (the rest of the turn commits with it), and several items go in all or none.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ReportDraft } from "../../src/conversation/dialog/pending-state.js";
import { appendReport, appendReports } from "../../src/conversation/report-store.js";
import { inTransaction } from "../../src/db/transaction.js";
import { AppError } from "../../src/errors.js";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { seededDatabase } from "../helpers/seeded.js";

describeEachEngine("report store: concurrent confirms", (engine) => {
  let db: TestDatabase;
  let indicatorId: number;
  let users: number[];
  beforeAll(async () => {
    db = await seededDatabase(engine);
    indicatorId = (await db.prisma.indicator.findFirstOrThrow({ where: { name: "调解成功率" } })).id;
    users = (await db.prisma.user.findMany({ orderBy: { id: "asc" }, take: 2 })).map((u) => u.id);
  }, 120_000);
  afterAll(() => db?.dispose());

  const draft = (month: number, value: number, supersedesId: number | null): ReportDraft => {
    const mm = String(month).padStart(2, "0");
    return {
      indicatorId,
      periodStart: `2021-${mm}-01`,
      periodEnd: `2021-${mm}-28`,
      periodLabel: `2021年${month}月`,
      value,
      unit: "%",
      status: null,
      withdrawn: false,
      supersedesId,
      previous: null,
      action: supersedesId === null ? "new" : "replace",
      rawText: `${value}%`,
    };
  };
  const at = new Date("2021-11-15T02:00:00Z");

  it("a first report confirmed twice at once is stored once; the other is a conflict", async () => {
    for (const month of [1, 2, 3, 4, 5]) {
      const results = await Promise.allSettled(users.map((u, i) => appendReport(db, draft(month, 98 + i, null), u, at)));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(AppError);
      expect((refused.reason as AppError).code).toBe("conflict");
      const standing = await db.prisma.progressReport.count({
        where: { indicatorId, periodStart: new Date(`2021-0${month}-01T00:00:00Z`), supersededBy: { is: null } },
      });
      expect(standing).toBe(1);
    }
  });

  it("two corrections of the same report at once: one supersedes it, the other is a conflict", async () => {
    const first = await appendReport(db, draft(6, 97, null), users[0]!, at);
    const results = await Promise.allSettled(users.map((u, i) => appendReport(db, draft(6, 90 + i, first.id), u, at)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((refused.reason as AppError).code).toBe("conflict");
  });

  it("a refused append inside a transaction leaves it usable: the turn's other writes commit", async () => {
    const first = await appendReport(db, draft(7, 96, null), users[0]!, at);
    const refused = await inTransaction(db, async (tx) => {
      const err = await appendReport(tx, draft(7, 95, null), users[1]!, at).catch((e: unknown) => e);
      await tx.prisma.auditLog.create({ data: { at, action: "test.after-refusal", subject: "report-store" } });
      return err;
    });
    expect((refused as AppError).code).toBe("conflict");
    expect(await db.prisma.auditLog.count({ where: { action: "test.after-refusal" } })).toBe(1);
    const july = await db.prisma.progressReport.findMany({ where: { indicatorId, periodStart: new Date("2021-07-01T00:00:00Z") } });
    expect(july.map((r) => r.id)).toEqual([first.id]);
  });

  it("several items: one refused stores none of them, and the transaction goes on", async () => {
    const other = (await db.prisma.indicator.findFirstOrThrow({ where: { name: { not: "调解成功率" } }, orderBy: { id: "asc" } })).id;
    await appendReport(db, draft(8, 96, null), users[0]!, at);
    const batch = [{ ...draft(8, 91, null), indicatorId: other }, draft(8, 92, null)];
    const outcome = await inTransaction(db, async (tx) => {
      const err = await appendReports(tx, batch, users[1]!, at).catch((e: unknown) => e);
      await tx.prisma.auditLog.create({ data: { at, action: "test.after-batch", subject: "report-store" } });
      return err;
    });
    expect((outcome as AppError).code).toBe("conflict");
    expect(await db.prisma.progressReport.count({ where: { indicatorId: other, periodStart: new Date("2021-08-01T00:00:00Z") } })).toBe(0);
    expect(await db.prisma.auditLog.count({ where: { action: "test.after-batch" } })).toBe(1);
  });
});
