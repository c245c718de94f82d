// `reminders prefs …` — a person's reminder preferences as rows (reminders/preferences.ts), the
// same ones the chat writes ("提醒我每月3号报", "这个月别提醒了") and the reminder plan reads:
//   reminders prefs [--user ID | --name 姓名] [--json]            list (no person: everyone who has any)
//   reminders prefs set   --user ID|--name 姓名 --day N [--hour H]   a personal reminder each month on day N
//   reminders prefs mute  --user ID|--name 姓名 --period 2021-11     no reminders for that cycle
//   reminders prefs clear --user ID|--name 姓名 (--day N | --period 2021-11 | --all)
// Arguments are checked before anything is written (bad → exit 2, one Chinese line, nothing
// changed); each change writes an AuditLog row like `users add/bind`.
import { AppError } from "../../errors.js";
import type { Database } from "../../db/client.js";
import type { Clock } from "../../clock.js";
import {
  addPersonalReminder,
  checkPeriodKey,
  listPreferences,
  mutePeriod,
  removePersonalReminder,
  unmutePeriod,
  type PersonPreferences,
} from "../../reminders/preferences.js";
import { parseArgs, writeJson, type CommandIO } from "../command.js";

export const PREFS_USAGE = [
  "reminders prefs [--user ID|--name 姓名] [--json]          个人提醒设置（每月提醒日、免提醒周期）",
  "reminders prefs set --user ID|--name 姓名 --day N [--hour H]   设置每月 N 日的个人提醒",
  "reminders prefs mute --user ID|--name 姓名 --period 2021-11    该周期不再提醒此人",
  "reminders prefs clear --user ID|--name 姓名 --day N|--period 2021-11|--all   取消个人提醒/免提醒",
];

type Action = "list" | "set" | "mute" | "clear";

/** Which options each action takes; anything else is refused rather than ignored. */
const ALLOWED: Record<Action, string[]> = {
  list: ["user", "name"],
  set: ["user", "name", "day", "hour"],
  mute: ["user", "name", "period"],
  clear: ["user", "name", "day", "period"],
};

function wholeNumber(raw: string | undefined, what: string, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,2}$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
    throw new AppError("bad_argument", `${what}要 ${min} 到 ${max} 之间的整数，收到的是“${raw}”`);
  }
  return Number(raw);
}

/** --user ID or --name 姓名 → one user; null when neither was given. */
async function person(db: Database, options: Map<string, string>): Promise<{ id: number; name: string } | null> {
  const id = options.get("user");
  const name = options.get("name");
  if (id !== undefined && name !== undefined) throw new AppError("bad_argument", "--user 和 --name 只能给一个");
  if (id !== undefined) {
    if (!/^\d+$/.test(id.trim())) throw new AppError("bad_argument", `--user 要人员编号（数字，见 users list），收到的是“${id}”；按姓名请用 --name`);
    const u = await db.prisma.user.findUnique({ where: { id: Number(id) }, select: { id: true, name: true } });
    if (!u) throw new AppError("not_found", `没有编号为 ${id} 的人员（users list 列出全部人员）`);
    return u;
  }
  if (name !== undefined) {
    const found = await db.prisma.user.findMany({ where: { name: name.trim() }, select: { id: true, name: true } });
    if (found.length === 0) throw new AppError("not_found", `没有叫“${name}”的人员（users list 列出全部人员）`);
    if (found.length > 1) throw new AppError("bad_argument", `有多名人员叫 ${name}：编号 ${found.map((u) => u.id).join("、")}，请用 --user 编号`);
    return found[0]!;
  }
  return null;
}

const hh = (h: number) => `${String(h).padStart(2, "0")}:00`;

export function describePreferences(p: PersonPreferences): string {
  const who = `${p.name}（编号 ${p.userId}${p.section ? `，${p.section}` : ""}）`;
  const parts = [
    p.personal.length ? `个人提醒：${p.personal.map((r) => `每月 ${r.dayOfMonth} 日 ${hh(r.hour)}`).join("、")}` : "无个人提醒",
    p.muted.length ? `免提醒周期：${p.muted.join("、")}` : "无免提醒周期",
  ];
  return `${who}：${parts.join("；")}`;
}

export async function runPrefs(args: string[], db: Database, clock: Clock, io: CommandIO): Promise<void> {
  const { flags, options, positionals } = parseArgs(args, { flags: ["json", "all"], options: ["user", "name", "day", "hour", "period"] });
  const [first, ...extra] = positionals;
  if (extra.length) throw new AppError("bad_argument", `多余的参数“${extra[0]}”`);
  const action = (first ?? "list") as Action;
  if (!(action in ALLOWED)) throw new AppError("bad_argument", `reminders prefs 后面可以跟 set、mute 或 clear（不跟则列出），收到的是“${first}”`);
  const stray = [...options.keys()].find((k) => !ALLOWED[action].includes(k)) ?? (flags.has("all") && action !== "clear" ? "all" : undefined);
  if (stray) throw new AppError("bad_argument", `reminders prefs ${action === "list" ? "" : action + " "}不接受 --${stray}`);

  // Everything is checked before the first write.
  const day = wholeNumber(options.get("day"), "--day（每月几日）", 1, 31);
  const hour = wholeNumber(options.get("hour"), "--hour（几点）", 0, 23);
  const rawPeriod = options.get("period");
  const period = rawPeriod === undefined ? undefined : checkPeriodKey(rawPeriod);
  const user = await person(db, options);

  if (action === "list") {
    const list = await listPreferences(db, user?.id);
    if (flags.has("json")) return writeJson(io, list);
    if (list.length === 0) return void io.stdout.write("没有人设置过个人提醒或免提醒：都按科室的默认提醒。\n");
    if (!user) io.stdout.write(`有个人提醒设置的人员（${list.length} 人）：\n`);
    for (const p of list) io.stdout.write(`${describePreferences(p)}\n`);
    return;
  }

  if (!user) throw new AppError("bad_argument", `reminders prefs ${action} 需要 --user 编号 或 --name 姓名`);
  let changed: boolean;
  let said: string;
  if (action === "set") {
    if (day === undefined) throw new AppError("bad_argument", "reminders prefs set 需要 --day N（每月几日，1 到 31）");
    const before = (await listPreferences(db, user.id))[0]!.personal.find((r) => r.dayOfMonth === day);
    const r = await addPersonalReminder(db, user.id, day, { hour });
    changed = !before || before.hour !== r.hour;
    said = changed ? `已设置：${user.name} 每月 ${day} 日 ${hh(r.hour)} 提醒` : `${user.name} 已有每月 ${day} 日 ${hh(r.hour)} 的提醒，未改动`;
  } else if (action === "mute") {
    if (period === undefined) throw new AppError("bad_argument", "reminders prefs mute 需要 --period 年-月，例如 --period 2021-11");
    changed = await mutePeriod(db, user.id, period);
    said = changed ? `已设置：${period} 期不再提醒 ${user.name}` : `${user.name} 的 ${period} 期已是免提醒，未改动`;
  } else {
    const chosen = [day !== undefined, period !== undefined, flags.has("all")].filter(Boolean).length;
    if (chosen !== 1) throw new AppError("bad_argument", "reminders prefs clear 要且只要一个：--day N、--period 年-月 或 --all");
    if (day !== undefined) {
      changed = await removePersonalReminder(db, user.id, day);
      said = changed ? `已取消：${user.name} 每月 ${day} 日的个人提醒` : `${user.name} 没有每月 ${day} 日的个人提醒，未改动`;
    } else if (period !== undefined) {
      changed = await unmutePeriod(db, user.id, period);
      said = changed ? `已恢复：${period} 期照常提醒 ${user.name}` : `${user.name} 的 ${period} 期本来就会提醒，未改动`;
    } else {
      const p = (await listPreferences(db, user.id))[0]!;
      for (const r of p.personal) await removePersonalReminder(db, user.id, r.dayOfMonth);
      for (const m of p.muted) await unmutePeriod(db, user.id, m);
      changed = p.personal.length + p.muted.length > 0;
      said = changed ? `已清除 ${user.name} 的全部个人提醒设置（${p.personal.length} 个提醒日，${p.muted.length} 个免提醒周期）` : `${user.name} 没有个人提醒设置，未改动`;
    }
  }
  if (changed) {
    const detail = { day, hour, period, all: flags.has("all") || undefined };
    await db.prisma.auditLog.create({ data: { at: clock.now(), action: `reminder.prefs.${action}`, subject: `user:${user.id}`, detail: JSON.parse(JSON.stringify(detail)) } });
  }
  const now = (await listPreferences(db, user.id))[0]!;
  if (flags.has("json")) return writeJson(io, { changed, preferences: now });
  io.stdout.write(`${said}\n${describePreferences(now)}\n`);
}
