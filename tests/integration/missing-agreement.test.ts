// One answer to "what is missing": random report histories (corrections, withdrawals, cumulative
// figures, 定性 statuses) are written to the database, then the admin's "还有谁没报" in chat, a
// head's "还有谁没报", the escalation of `reminders plan` and an independent in-memory reading of
// the same history through src/domain/missing.ts must give the same counts per section.
import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { missingOn } from "../../src/domain/missing.js";
import { cycleSlots } from "../../src/domain/reminder-schedule.js";
import { makeCycle, shiftMonth } from "../../src/domain/reporting-calendar.js";
import { daysInMonth, isoDate, dateColumn, shanghaiDate } from "../../src/domain/shanghai-time.js";
import { renderAll } from "../../src/conversation/replies/render-text.js";
import { planReminders } from "../../src/reminders/plan.js";
import { DEFAULT_RULES } from "../../src/reminders/rules.js";
import { schedulePolicy } from "../../src/reminders/settings.js";
import { useSeededBot } from "../helpers/bot-fixture.js";
import { message } from "../helpers/conversation.js";
import { describeEachEngine } from "../helpers/engines.js";
import { calendar, context } from "../helpers/reminders.js";

interface Ind {
  id: number;
  sectionId: number;
  aggregation: "sum" | "latest" | "status";
  cadence: "monthly" | "quarterly" | "yearly" | null;
}

/** One (indicator, period) slot with 1–3 versions; the last version may be a withdrawal. */
const slot = fc.record({
  pick: fc.nat(),
  period: fc.oneof(
    fc.record({ kind: fc.constant("month" as const), n: fc.integer({ min: 1, max: 12 }) }),
    fc.record({ kind: fc.constant("quarter" as const), n: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ kind: fc.constant("cumulative" as const), n: fc.integer({ min: 2, max: 11 }) }),
  ),
  versions: fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }), // true = 已完成 for 定性
  withdrawnAtEnd: fc.boolean(),
});

function periodOf(p: { kind: "month" | "quarter" | "cumulative"; n: number }): { start: string; end: string } {
  if (p.kind === "month") return { start: isoDate(2021, p.n, 1), end: isoDate(2021, p.n, daysInMonth(2021, p.n)) };
  if (p.kind === "quarter") return { start: isoDate(2021, p.n * 3 - 2, 1), end: isoDate(2021, p.n * 3, daysInMonth(2021, p.n * 3)) };
  return { start: "2021-01-01", end: isoDate(2021, p.n, daysInMonth(2021, p.n)) };
}

/** The escalation time of the cycle before `month` (2021-02 … 2022-01): the working day after its deadline, 09:00. */
function escalationAt(year: number, month: number): Date {
  const prev = shiftMonth(year, month, -1);
  const policy = schedulePolicy(context({} as never).settings);
  const rules = DEFAULT_RULES.map((r) => ({ ...r, dayOfMonth: null, userId: null }));
  const slots = cycleSlots(calendar, policy, makeCycle(calendar, prev.year, prev.month, policy.deadlineDay), rules);
  return slots.find((s) => s.rule.kind === "escalation")!.dueAt;
}

const perSection = (text: string) =>
  Object.fromEntries([...text.matchAll(/(\S+)：待报送 (\d+) 项/g)].map((m) => [m[1]!, Number(m[2])]));

describeEachEngine("one definition of missing: chat, reminders plan and the domain agree", (engine) => {
  const f = useSeededBot(engine);
  let indicators: Ind[] = [];
  let sections = new Map<number, string>();
  let reporter = 0;
  let admin = 0;
  beforeAll(async () => {
    indicators = await f.db.prisma.indicator.findMany({ select: { id: true, sectionId: true, aggregation: true, cadence: true }, orderBy: { id: "asc" } });
    sections = new Map((await f.db.prisma.section.findMany()).map((s) => [s.id, s.name]));
    reporter = f.id("王建国");
    admin = f.id("张伟");
  });

  it("on random histories and days, every consumer counts the same per section", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(slot, { maxLength: 40 }), fc.integer({ min: 2, max: 13 }), async (slots, m) => {
        const db = f.db.prisma;
        await db.progressReport.deleteMany({});
        // What stands, kept in memory independently of the database's queries.
        const standing: Array<{ indicatorId: number; periodStart: string; periodEnd: string; status: string | null }> = [];
        const used = new Set<string>();
        for (const s of slots) {
          const ind = indicators[s.pick % indicators.length]!;
          const p = periodOf(s.period);
          if (used.has(`${ind.id}:${p.start}:${p.end}`)) continue;
          used.add(`${ind.id}:${p.start}:${p.end}`);
          let previous: number | null = null;
          let status: string | null = null;
          const last = s.versions.length - 1;
          for (const [i, done] of s.versions.entries()) {
            const withdrawn = i === last && s.withdrawnAtEnd && i > 0;
            status = ind.aggregation === "status" ? (done ? "done" : "in_progress") : null;
            const row: { id: number } = await db.progressReport.create({
              data: {
                indicatorId: ind.id,
                periodStart: dateColumn(p.start),
                periodEnd: dateColumn(p.end),
                value: ind.aggregation === "status" ? null : 1,
                status,
                withdrawn,
                reportedById: reporter,
                supersedesId: previous,
              },
              select: { id: true },
            });
            previous = row.id;
            if (i === last && !withdrawn) standing.push({ indicatorId: ind.id, periodStart: p.start, periodEnd: p.end, status });
          }
        }
        const { year, month } = m === 13 ? { year: 2022, month: 1 } : { year: 2021, month: m };
        const now = escalationAt(year, month);
        f.clock.set(now);

        const expected: Record<string, number> = {};
        for (const { indicator } of missingOn(indicators, standing, 2021, shanghaiDate(now))) {
          const name = sections.get(indicator.sectionId)!;
          expected[name] = (expected[name] ?? 0) + 1;
        }
        const chat = perSection(renderAll(await f.bot.handle(message({ externalUserId: String(admin) }, "还有谁没报"))));
        const plan = await planReminders(context(f.db), now);
        const escalation = plan.items.find((i) => i.recipient.name === "张伟");
        const reminders = Object.fromEntries((escalation?.sections ?? []).map((s) => [s.name, s.missing]));
        expect(chat).toEqual(expected);
        expect(reminders).toEqual(expected);
        // A head's own view counts the same for the section.
        const head = await f.bot.handle(message({ externalUserId: String(reporter) }, "还有谁没报"));
        const own = /待报送指标 (\d+) 项/.exec(renderAll(head))?.[1];
        expect(Number(own ?? 0)).toBe(expected["人民参与和促进法治科"] ?? 0);
      }),
      { numRuns: 12 },
    );
  }, 600_000);

  it("2021-11-15 on the seeded data: chat and reminders plan both say 50 indicators in 14 sections, 立法科 6", async () => {
    await f.db.prisma.progressReport.deleteMany({});
    const now = new Date("2021-11-15T10:00:00+08:00");
    f.clock.set(now);
    const chat = perSection(renderAll(await f.bot.handle(message({ externalUserId: String(admin) }, "还有谁没报"))));
    const escalation = (await planReminders(context(f.db), now)).items.find((i) => i.recipient.name === "张伟")!;
    const reminders = Object.fromEntries(escalation.sections.map((s) => [s.name, s.missing]));
    expect(reminders).toEqual(chat);
    expect(chat["立法科"]).toBe(6);
    expect(Object.keys(chat)).toHaveLength(14);
    expect(Object.values(chat).reduce((a, b) => a + b, 0)).toBe(50);
  });
});
