// What the reminder tick would send at `now`, to whom and why — computed from the database every
// time (rules, reports, mutes, past deliveries), never from in-memory timers, so a restart or a
// missed run loses nothing; a person's preferences (personal rules, mutes) are preferences.ts's rows. `reminders plan` prints it; the tick sends the items with status "due".
// Recipients are people, plus the group chats a deployment opted into (settings `groupChats`,
// `escalationChat`): a section's group gets the same stages as its head, only while the section
// has data missing; mutes are personal and never silence a group.
import type { Card } from "../conversation/types.js";
import type { Database } from "../db/client.js";
import { isAllowedTime, nextAllowedTime, openSlots, type StageSlot } from "../domain/reminder-schedule.js";
import type { Cycle } from "../domain/reporting-calendar.js";
import type { WorkCalendar } from "../domain/work-calendar.js";
import { escalationCard, reminderCard } from "./card.js";
import { cycleStatus, type CycleStatus, type DueIndicator } from "./missing.js";
import { mutedRecipients } from "./preferences.js";
import { loadPeople, type Address, type Person } from "./recipients.js";
import { ensureDefaultRules, loadRules } from "./rules.js";
import { schedulePolicy, type GroupChat, type ReminderSettings } from "./settings.js";

export interface ReminderContext {
  db: Database;
  calendar: WorkCalendar;
  settings: ReminderSettings;
}

export type ItemStatus = "due" | "sent" | "muted" | "quiet" | "no-identity";

export interface PlannedReminder {
  /**
   * rule + cycle + recipient + stage: the ReminderDelivery key and the outbox idempotency key. The
   * recipient part is the user id, or `chat:<platform>:<chatId>` for a group chat.
   */
  key: string;
  ruleCode: string;
  stage: string;
  periodKey: string;
  deadline: string;
  /** A group chat: userId null, role "group", name "<section>群" (or "管理员群"). */
  recipient: { userId: number | null; name: string; role: Person["role"] | "group" };
  address: Address | null;
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
  /** Settings that cannot take effect, e.g. a group chat for a section code that does not exist. */
  warnings: string[];
}

export async function planReminders(ctx: ReminderContext, now: Date): Promise<ReminderPlan> {
  await ensureDefaultRules(ctx.db);
  const policy = schedulePolicy(ctx.settings);
  const slots = openSlots(ctx.calendar, policy, await loadRules(ctx.db), now);
  const sections = await ctx.db.prisma.section.findMany({ orderBy: { id: "asc" }, select: { id: true, code: true, name: true } });
  const known = new Set(sections.map((s) => s.code));
  const warnings = Object.keys(ctx.settings.groupChats)
    .filter((code) => !known.has(code))
    .map((code) => `groupChats.${code}：没有这个代码的科室，该群收不到提醒`);
  if (slots.length === 0) return { now, items: [], warnings };

  const statuses = new Map<string, CycleStatus>();
  for (const s of slots) {
    if (!statuses.has(s.cycle.key)) statuses.set(s.cycle.key, await cycleStatus(ctx.db, s.cycle, now));
  }
  const people = await loadPeople(ctx.db, ctx.settings.platforms);
  const groups = { sections: ctx.settings.groupChats, escalation: ctx.settings.escalationChat };

  const drafts = slots.flatMap((slot) => draftsFor(slot, statuses.get(slot.cycle.key)!, people, sections, groups));
  const keys = drafts.map((d) => d.key);
  const sent = new Set((await ctx.db.prisma.reminderDelivery.findMany({ where: { key: { in: keys } }, select: { key: true } })).map((r) => r.key));
  const muted = await mutedRecipients(ctx.db, [...statuses.keys()]);
  const quiet = !isAllowedTime(ctx.calendar, policy, now);
  const waitsUntil = quiet ? nextAllowedTime(ctx.calendar, policy, now) : undefined;

  const items = drafts.map((d): PlannedReminder => {
    // A group on a messenger this deployment has not configured cannot be reached.
    const unreachable = !d.address || (d.address.chat === true && !ctx.settings.platforms.includes(d.address.platform));
    const status: ItemStatus = sent.has(d.key)
      ? "sent"
      : d.recipient.userId !== null && muted.has(`${d.recipient.userId}:${d.periodKey}`)
        ? "muted"
        : unreachable
          ? "no-identity"
          : quiet
            ? "quiet"
            : "due";
    const reason = status === "no-identity" && d.address?.chat ? `${d.reason}；${PLATFORM_NAME[d.address.platform]}未配置` : d.reason;
    return { ...d, reason, status, ...(status === "quiet" ? { waitsUntil } : {}) };
  });
  return { now, items, warnings };
}

type Draft = Omit<PlannedReminder, "status" | "waitsUntil">;

interface Groups {
  /** section code → its group chat */
  sections: Record<string, GroupChat>;
  escalation?: GroupChat;
}

function draftsFor(
  slot: StageSlot,
  status: CycleStatus,
  people: Map<number, Person>,
  sections: Array<{ id: number; code: string; name: string }>,
  groups: Groups,
): Draft[] {
  const { rule, cycle } = slot;
  const stageOf = (recipientKey: string) => ({
    key: `${rule.code}:${cycle.key}:${recipientKey}:${slot.stage}`,
    ruleCode: rule.code,
    stage: slot.stage,
    periodKey: cycle.key,
    deadline: cycle.deadline,
    dueAt: slot.dueAt,
    expiresAt: slot.expiresAt,
  });
  const base = (p: Person) => ({ ...stageOf(String(p.id)), recipient: { userId: p.id, name: p.name, role: p.role }, address: p.address });
  const groupBase = (chat: GroupChat, name: string) => ({
    ...stageOf(`chat:${chat.platform}:${chat.chatId}`),
    recipient: { userId: null, name, role: "group" as const },
    address: { platform: chat.platform, externalId: chat.chatId, chat: true },
  });
  if (rule.kind === "escalation") {
    const counts = sections
      .map((s) => ({ name: s.name, missing: status.missing.filter((m) => m.sectionId === s.id).length }))
      .filter((s) => s.missing > 0);
    if (counts.length === 0) return [];
    const card = escalationCard({ cycle, sections: counts });
    const why = `${cycle.key} 期报送截止 ${cycle.deadline}（${stageLabel(slot.stage)}）：${counts.length} 个科室共 ${status.missing.length} 项指标未报`;
    const admins = [...people.values()]
      .filter((p) => p.role === "admin")
      .map((p): Draft => ({ ...base(p), reason: `管理员；${why}`, indicators: [], sections: counts, card }));
    const chat = groups.escalation;
    return chat ? [...admins, { ...groupBase(chat, "管理员群"), reason: `管理员群（escalationChat）；${why}`, indicators: [], sections: counts, card }] : admins;
  }
  const recipients = rule.kind === "personal" ? [people.get(rule.userId ?? -1)].filter((p): p is Person => !!p) : deadlineRecipients(status.missing, people);
  const drafts = recipients.flatMap((p): Draft[] => {
    const mine = responsibleFor(p, status.missing, rule.kind === "personal");
    if (mine.length === 0) return [];
    const card = reminderCard({ cycle, stage: slot.stage, personal: rule.kind === "personal", missing: mine, form: p.address?.platform === "feishu" });
    return [{ ...base(p), reason: reasonFor(slot, cycle, p, mine), indicators: mine.map(listed), sections: [], card }];
  });
  if (rule.kind === "personal") return drafts;
  // Each configured section's group: the section's missing indicators, once per stage.
  const posts = sections.flatMap((s): Draft[] => {
    const chat = groups.sections[s.code];
    const missing = chat ? status.missing.filter((m) => m.sectionId === s.id) : [];
    if (!chat || missing.length === 0) return [];
    const card = reminderCard({ cycle, stage: slot.stage, personal: false, missing, section: s.name, form: chat.platform === "feishu" });
    const reason = `${s.name}群（groupChats.${s.code}）；${cycle.key} 期报送截止 ${cycle.deadline}（${stageLabel(slot.stage)}）；${missing.length} 项指标缺数据`;
    return [{ ...groupBase(chat, `${s.name}群`), reason, indicators: missing.map(listed), sections: [], card }];
  });
  return [...drafts, ...posts];
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
  const who = slot.rule.kind === "personal" ? `本人设置的提醒（每月${slot.rule.dayOfMonth}日）` : p.role === "head" ? "科室负责人" : "指标负责人";
  return `${who}；${cycle.key} 期报送截止 ${cycle.deadline}（${stageLabel(slot.stage)}）；${mine.length} 项指标缺数据`;
}

const PLATFORM_NAME: Record<string, string> = { feishu: "飞书", dingtalk: "钉钉", local: "网页聊天" };

/** "before-3" → "截止前 3 个工作日" (stage names: domain/reminder-schedule.ts stageName). */
export function stageLabel(stage: string): string {
  const [kind, n] = stage.split("-") as [string, string | undefined];
  if (kind === "before") return `截止前 ${n} 个工作日`;
  if (kind === "after") return `截止后第 ${n} 个工作日`;
  if (kind === "day") return `每月 ${n} 日`;
  return stage === "deadline" ? "截止当天" : stage;
}

function listed(d: DueIndicator) {
  return { code: d.code, name: d.name, period: d.period.label };
}
