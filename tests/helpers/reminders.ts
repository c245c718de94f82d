// Shared set-up for the reminder suites: a context on the committed calendar with default
// settings, progress reports inserted directly (as the chat would store them), and a tick loop
// over simulated days that records what went out when.
import type { Database } from "../../src/db/client.js";
import { makeCycle } from "../../src/domain/reporting-calendar.js";
import { dateColumn, fromShanghai } from "../../src/domain/shanghai-time.js";
import { runDueReminders } from "../../src/reminders/deliver.js";
import { readHolidays } from "../../src/reminders/holidays-file.js";
import { cycleStatus } from "../../src/reminders/missing.js";
import type { ReminderContext } from "../../src/reminders/plan.js";
import { DEFAULT_SETTINGS } from "../../src/reminders/settings.js";

export const calendar = readHolidays();

export function context(db: Database): ReminderContext {
  return { db, calendar, settings: DEFAULT_SETTINGS };
}

export async function userId(db: Database, name: string): Promise<number> {
  return (await db.prisma.user.findFirstOrThrow({ where: { name } })).id;
}

/** Reports `count` (default all) of a section's indicators still missing in cycle "YYYY-MM". */
export async function reportSection(db: Database, sectionCode: string, cycleKey: string, count = Infinity): Promise<string[]> {
  const [year, month] = cycleKey.split("-").map(Number) as [number, number];
  const section = await db.prisma.section.findUniqueOrThrow({ where: { code: sectionCode }, include: { users: true } });
  const reporter = section.users.find((u) => u.role === "head") ?? section.users[0]!;
  const { missing } = await cycleStatus(db, makeCycle(calendar, year, month, 5));
  const mine = missing.filter((m) => m.sectionId === section.id).slice(0, count);
  for (const m of mine) {
    await db.prisma.progressReport.create({
      data: { indicatorId: m.id, periodStart: dateColumn(m.period.start), periodEnd: dateColumn(m.period.end), value: 1, reportedById: reporter.id },
    });
  }
  return mine.map((m) => m.name);
}

export interface Sent {
  at: string; // "12-01 09:00" Shanghai
  key: string;
  to: string;
  count: number;
}

/** Ticks at the given local hours of each day from `from` to `to` (inclusive, "YYYY-MM-DD"). */
export async function simulate(
  ctx: ReminderContext,
  days: { from: string; to: string },
  hours: number[],
  onDay?: (date: string) => Promise<void>,
): Promise<Sent[]> {
  const sent: Sent[] = [];
  for (let d = new Date(`${days.from}T00:00:00Z`); d <= new Date(`${days.to}T00:00:00Z`); d = new Date(d.getTime() + 86_400_000)) {
    const date = d.toISOString().slice(0, 10);
    for (const hour of hours) {
      const now = fromShanghai(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), hour);
      const r = await runDueReminders(ctx, now);
      for (const s of r.sent) {
        sent.push({ at: `${date.slice(5)} ${String(hour).padStart(2, "0")}:00`, key: s.key, to: s.recipient.name, count: s.indicators.length || s.sections.reduce((n, x) => n + x.missing, 0) });
      }
    }
    await onDay?.(date);
  }
  return sent;
}

/** "12-01 09:00 before-3 王建国 3" lines, easy to read in a failing diff. */
export function lines(sent: Sent[]): string[] {
  const rule = (key: string) => key.split(":")[0]!.replace(/^personal-.*/, "personal");
  return sent.map((s) => `${s.at} ${rule(s.key)}/${s.key.split(":").at(-1)} ${s.to} ${s.count}`).sort();
}
