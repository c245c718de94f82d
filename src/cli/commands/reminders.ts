// `reminders plan` — what the tick would send now, to whom and why (nothing is written except the
// default rules); `reminders run` — sends what is due now: delivery rows + outbox rows, which the
// running server's outbox worker delivers, and says where they will appear (with no messenger:
// the web chat's conversations). --now pins the time; BOT_NOW applies when it is absent.
// `reminders prefs …` — a person's reminder preferences: reminder-prefs.ts.
import { AppError } from "../../errors.js";
import { shanghaiDate, toShanghai } from "../../domain/shanghai-time.js";
import { planReminders, reminderContext, runDueReminders, type PlannedReminder } from "../../reminders/index.js";
import type { Config } from "../../config.js";
import { parseArgs, writeJson, type Command, type CommandIO } from "../command.js";
import { PREFS_USAGE, runPrefs } from "./reminder-prefs.js";

function nowFrom(options: Map<string, string>, fallback: Date): Date {
  const raw = options.get("now");
  if (raw === undefined) return fallback;
  const t = new Date(raw);
  if (Number.isNaN(t.getTime())) throw new AppError("bad_argument", `--now 需要 ISO 时间，例如 2021-12-01T09:30:00+08:00，收到的是“${raw}”`);
  return t;
}

export function localTime(d: Date): string {
  const l = toShanghai(d);
  return `${shanghaiDate(d)} ${String(l.hour).padStart(2, "0")}:${String(l.minute).padStart(2, "0")}`;
}

const STATUS: Record<PlannedReminder["status"], string> = { due: "待发送", sent: "已发送", muted: "已免打扰", quiet: "免打扰时段", "no-identity": "无法送达" };
const ROLE: Record<PlannedReminder["recipient"]["role"], string> = { head: "科长", staff: "科员", admin: "管理员", group: "群" };
const PLATFORM: Record<string, string> = { feishu: "飞书", dingtalk: "钉钉", local: "网页聊天" };

/** Where a reminder goes, in words: "飞书 ou_…", "钉钉群 cid…", "网页聊天（王建国的对话）". */
function destination(i: PlannedReminder): string {
  if (!i.address) return "没有飞书/钉钉账号";
  if (i.address.platform === "local") return `网页聊天（${i.recipient.name}的对话）`;
  return i.address.chat ? `${PLATFORM[i.address.platform]}群 ${i.address.externalId}` : `${PLATFORM[i.address.platform]} ${i.address.externalId}`;
}

function printItem(io: CommandIO, i: PlannedReminder): void {
  const wait = i.waitsUntil ? `（现在是免打扰时段，${localTime(i.waitsUntil)} 发出）` : "";
  io.stdout.write(`${STATUS[i.status]}  ${i.recipient.name}（${ROLE[i.recipient.role]}）→ ${destination(i)}${wait}\n`);
  io.stdout.write(`      原因：${i.reason}\n`);
  for (const x of i.indicators) io.stdout.write(`      · ${x.name}（${x.period}）\n`);
  for (const s of i.sections) io.stdout.write(`      · ${s.name}：${s.missing} 项未报\n`);
}

/** After `reminders run`: where the queued messages will actually appear (issue 11: never "sent" to nowhere). */
function whereTheyGo(sent: PlannedReminder[], config: Config): string[] {
  const lines: string[] = [];
  const by = (p: string) => sent.filter((i) => i.address?.platform === p).length;
  const local = by("local");
  if (local) lines.push(`${local} 条送到本地体验聊天（网页）：打开 npm start 打印的链接，选择收件人即可在其对话中看到（服务未运行时，下次启动后送达）。`);
  for (const p of ["feishu", "dingtalk"] as const) {
    const n = by(p);
    if (!n) continue;
    const on = p === "feishu" ? config.feishuEnabled : config.dingtalkEnabled;
    lines.push(on ? `${n} 条经${PLATFORM[p]}发送（由运行中的服务的发件箱投递；失败的可用 outbox failed 查看）。` : `${n} 条要经${PLATFORM[p]}发送，但${PLATFORM[p]}尚未配置：留在发件箱中，配置后才会发出。`);
  }
  return lines;
}

export const remindersCommand: Command = {
  name: "reminders",
  usage: [
    "reminders plan [--now ISO] [--json]      现在会发哪些提醒、发给谁、为什么",
    "reminders run [--now ISO] [--json]       发送现在到期的提醒（经发件箱）",
    ...PREFS_USAGE,
  ],
  async run(args, { db, clock, config }, io) {
    if (args[0] === "prefs") return runPrefs(args.slice(1), db, clock, io);
    const { flags, options, positionals } = parseArgs(args, { flags: ["json"], options: ["now"] });
    const [sub, ...extra] = positionals;
    if (extra.length) throw new AppError("bad_argument", `多余的参数“${extra[0]}”`);
    const now = nowFrom(options, clock.now());
    const ctx = reminderContext(db, { messengers: { feishu: config.feishuEnabled, dingtalk: config.dingtalkEnabled, webChat: config.webChatEnabled } });
    if (sub === "plan") {
      const plan = await planReminders(ctx, now);
      if (flags.has("json")) return writeJson(io, plan);
      const due = plan.items.filter((i) => i.status === "due").length;
      io.stdout.write(`${localTime(now)}（北京时间）的提醒：${due} 条待发送，其他 ${plan.items.length - due} 条\n`);
      for (const w of plan.warnings) io.stdout.write(`注意：${w}\n`);
      if (plan.items.length === 0) io.stdout.write("现在没有要发的提醒：没有到提醒时间，或者没有人缺数据。\n");
      for (const i of plan.items) printItem(io, i);
      return;
    }
    if (sub === "run") {
      const result = await runDueReminders(ctx, now);
      if (!result.ran) return void io.stdout.write("另一个实例正在执行提醒，本次未做任何事。\n");
      if (flags.has("json")) return writeJson(io, result);
      io.stdout.write(`${localTime(now)}（北京时间）：已生成 ${result.sent.length} 条提醒，放入发件箱\n`);
      for (const line of whereTheyGo(result.sent, config)) io.stdout.write(`  ${line}\n`);
      for (const i of result.sent) io.stdout.write(`  ${i.recipient.name} → ${destination(i)}  （${i.key}）\n`);
      return;
    }
    throw new AppError("bad_argument", "reminders 后面要跟 plan、run 或 prefs");
  },
};
