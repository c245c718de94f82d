// The reminder stages as ReminderRule rows. The defaults are inserted when missing and never
// overwritten, so an administrator's change (another hour, enabled = false) survives restarts;
// to drop a default, disable it rather than delete it (a deleted default comes back).
import type { Database } from "../db/client.js";
import type { RuleKind, RuleSpec } from "../domain/reminder-schedule.js";

export interface DefaultRule {
  code: string;
  kind: RuleKind;
  offsetDays: number;
  hour: number;
}

export const DEFAULT_RULES: DefaultRule[] = [
  // Section head + indicator owner, 3 working days before the deadline, 09:00.
  { code: "before-deadline", kind: "deadline", offsetDays: 3, hour: 9 },
  // The same people on the deadline morning.
  { code: "deadline-day", kind: "deadline", offsetDays: 0, hour: 9 },
  // Administrators, the working day after the deadline: missing counts per section.
  { code: "escalation", kind: "escalation", offsetDays: -1, hour: 9 },
];

export async function ensureDefaultRules(db: Database): Promise<void> {
  await db.prisma.reminderRule.createMany({ data: DEFAULT_RULES, skipDuplicates: true });
}

const KINDS: RuleKind[] = ["deadline", "escalation", "personal"];

/** Enabled rules of a known kind (an unknown kind is ignored rather than guessed at). */
export async function loadRules(db: Database): Promise<RuleSpec[]> {
  const rows = await db.prisma.reminderRule.findMany({ where: { enabled: true }, orderBy: { id: "asc" } });
  return rows
    .filter((r) => (KINDS as string[]).includes(r.kind))
    .map((r) => ({ code: r.code, kind: r.kind as RuleKind, offsetDays: r.offsetDays, dayOfMonth: r.dayOfMonth, hour: r.hour, userId: r.userId }));
}
