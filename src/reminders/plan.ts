// What the reminder tick would send at `now`, to whom and why — computed from the database every
// time (rules, reports, mutes, past deliveries), never from in-memory timers, so a restart or a
// missed run loses nothing. `reminders plan` prints it; the tick sends the items with status "due".
import type { Card } from "../conversation/types.js";
import type { Database } from "../db/client.js";
import { isAllowedTime, nextAllowedTime, openSlots, type StageSlot } from "../domain/reminder-schedule.js";
import type { Cycle } from "../domain/reporting-calendar.js";
import type { WorkCalendar } from "../domain/work-calendar.js";
import { escalationCard, reminderCard } from "./card.js";
import { cycleStatus, type CycleStatus, type DueIndicator } from "./missing.js";
import { loadPeople, type Person } from "./recipients.js";
import { ensureDefaultRules, loadRules } from "./rules.js";
import { schedulePolicy, type ReminderSettings } from "./settings.js";

export interface ReminderContext {
  db: Database;
  calendar: WorkCalendar;
  settings: ReminderSettings;
}

export type ItemStatus = "due" | "sent" | "muted" | "quiet" | "no-identity";

export interface PlannedReminder {
  /** rule + cycle + recipient + stage: the ReminderDelivery key and the outbox idempotency key. */
  key: string;
  ruleCode: string;
  stage: string;
  periodKey: string;
  deadline: string;
  recipient: { userId: number; name: string; role: Person["role"] };
  address: Person["address"];
  status: ItemStatus;
  /** Why this person, why now. */
  reason: string;
  dueAt: Date;
  expiresAt: Date;
  /** quiet: when it will go out instead. */
  waitsUntil?: Date;
  indicators: Array<{ code: string; name: string; period: string }>;
  sections: Array<{ name: string; missing: number }>;
  card: Card;
}

export interface ReminderPlan {
  now: Date;
  items: PlannedReminder[];
}

export async function planReminders(ctx: ReminderContext, now: Date): Promise<ReminderPlan> {
  await ensureDefaultRules(ctx.db);
  const policy = schedulePolicy(ctx.settings);
  const slots = openSlots(ctx.calendar, policy, await loadRules(ctx.db), now);
  if (slots.length === 0) return { now, items: [] };

  const statuses = new Map<string, CycleStatus>();
  for (const s of slots) {
    if (!statuses.has(s.cycle.key)) statuses.set(s.cycle.key, await cycleStatus(ctx.db, s.cycle, ctx.settings.cadence));
  }
  const people = await loadPeople(ctx.db, ctx.settings.platforms);
  const sections = await ctx.db.prisma.section.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true } });

  const drafts = slots.flatMap((slot) => draftsFor(slot, statuses.get(slot.cycle.key)!, people, sections));
  const keys = drafts.map((d) => d.key);
  const sent = new Set((await ctx.db.prisma.reminderDelivery.findMany({ where: { key: { in: keys } }, select: { key: true } })).map((r) => r.key));
  const mutes = await ctx.db.prisma.reminderMute.findMany({
    where: { periodKey: { in: [...statuses.keys()] } },
    select: { userId: true, periodKey: true },
  });
  const muted = new Set(mutes.map((m) => `${m.userId}:${m.periodKey}`));
  const quiet = !isAllowedTime(ctx.calendar, policy, now);
  const waitsUntil = quiet ? nextAllowedTime(ctx.calendar, policy, now) : undefined;

  const items = drafts.map((d): PlannedReminder => {
    const status: ItemStatus = sent.has(d.key)
      ? "sent"
      : muted.has(`${d.recipient.userId}:${d.periodKey}`)
        ? "muted"
        : !d.address
          ? "no-identity"
          : quiet
            ? "quiet"
            : "due";
    return { ...d, status, ...(status === "quiet" ? { waitsUntil } : {}) };
  });
  return { now, items };
}

type Draft = Omit<PlannedReminder, "status" | "waitsUntil">;

function draftsFor(slot: StageSlot, status: CycleStatus, people: Map<number, Person>, sections: Array<{ id: number; name: string }>): Draft[] {
  const { rule, cycle } = slot;
  const base = (p: Person) => ({
    key: `${rule.code}:${cycle.key}:${p.id}:${slot.stage}`,
    ruleCode: rule.code,
    stage: slot.stage,
    periodKey: cycle.key,
    deadline: cycle.deadline,
    recipient: { userId: p.id, name: p.name, role: p.role },
    address: p.address,
    dueAt: slot.dueAt,
    expiresAt: slot.expiresAt,
  });
  if (rule.kind === "escalation") {
    const counts = sections
      .map((s) => ({ name: s.name, missing: status.missing.filter((m) => m.sectionId === s.id).length }))
      .filter((s) => s.missing > 0);
    if (counts.length === 0) return [];
    const card = escalationCard({ cycle, sections: counts });
    const why = `${slot.stage} the ${cycle.key} deadline (${cycle.deadline}): ${status.missing.length} indicator(s) missing in ${counts.length} section(s)`;
    return [...people.values()]
      .filter((p) => p.role === "admin")
      .map((p) => ({ ...base(p), reason: `administrator; ${why}`, indicators: [], sections: counts, card }));
  }
  const recipients = rule.kind === "personal" ? [people.get(rule.userId ?? -1)].filter((p): p is Person => !!p) : deadlineRecipients(status.missing, people);
  return recipients.flatMap((p) => {
    const mine = responsibleFor(p, status.missing, rule.kind === "personal");
    if (mine.length === 0) return [];
    const card = reminderCard({ cycle, stage: slot.stage, personal: rule.kind === "personal", missing: mine });
    return [{ ...base(p), reason: reasonFor(slot, cycle, p, mine), indicators: mine.map(listed), sections: [], card }];
  });
}

/** Heads of sections with something missing, and owners of missing indicators. */
function deadlineRecipients(missing: DueIndicator[], people: Map<number, Person>): Person[] {
  const sectionIds = new Set(missing.map((m) => m.sectionId));
  const owners = new Set(missing.map((m) => m.ownerUserId).filter((id): id is number => id !== null));
  return [...people.values()].filter((p) => (p.role === "head" && p.sectionId !== null && sectionIds.has(p.sectionId)) || owners.has(p.id));
}

/** A head answers for the section, anyone for what they own; a personal reminder covers one's section. */
function responsibleFor(p: Person, missing: DueIndicator[], personal: boolean): DueIndicator[] {
  const wholeSection = p.role === "head" || personal;
  return missing.filter((m) => m.ownerUserId === p.id || (wholeSection && p.sectionId !== null && m.sectionId === p.sectionId));
}

function reasonFor(slot: StageSlot, cycle: Cycle, p: Person, mine: DueIndicator[]): string {
  const who = slot.rule.kind === "personal" ? `personal reminder (day ${slot.rule.dayOfMonth})` : p.role === "head" ? "section head" : "indicator owner";
  return `${who}; ${slot.stage} of the ${cycle.key} deadline ${cycle.deadline}; ${mine.length} indicator(s) missing`;
}

function listed(d: DueIndicator) {
  return { code: d.code, name: d.name, period: d.period.label };
}
