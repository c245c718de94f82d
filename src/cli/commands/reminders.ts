// `reminders plan` — what the tick would send now, to whom and why (nothing is written except the
// default rules); `reminders run` — sends what is due now: delivery rows + outbox rows, which the
// running server's outbox worker delivers. --now pins the time; BOT_NOW applies when it is absent.
import { AppError } from "../../errors.js";
import { shanghaiDate, toShanghai } from "../../domain/shanghai-time.js";
import { planReminders, reminderContext, runDueReminders, type PlannedReminder } from "../../reminders/index.js";
import { parseArgs, writeJson, type Command, type CommandIO } from "../command.js";

function nowFrom(options: Map<string, string>, fallback: Date): Date {
  const raw = options.get("now");
  if (raw === undefined) return fallback;
  const t = new Date(raw);
  if (Number.isNaN(t.getTime())) throw new AppError("bad_argument", `--now must be an ISO time such as 2021-12-01T09:30:00+08:00, got "${raw}"`);
  return t;
}

export function localTime(d: Date): string {
  const l = toShanghai(d);
  return `${shanghaiDate(d)} ${String(l.hour).padStart(2, "0")}:${String(l.minute).padStart(2, "0")}`;
}

function printItem(io: CommandIO, i: PlannedReminder): void {
  const to = !i.address
    ? "no Feishu/DingTalk identity"
    : i.address.chat
      ? `${i.address.platform} group ${i.address.externalId}`
      : `${i.address.platform}:${i.address.externalId}`;
  const wait = i.waitsUntil ? ` (quiet now, goes out ${localTime(i.waitsUntil)})` : "";
  io.stdout.write(`${i.status.toUpperCase().padEnd(11)} ${i.recipient.name} (${i.recipient.role}) → ${to}${wait}\n`);
  io.stdout.write(`            why: ${i.reason}\n`);
  for (const x of i.indicators) io.stdout.write(`            · ${x.name}（${x.period}）\n`);
  for (const s of i.sections) io.stdout.write(`            · ${s.name}: ${s.missing} missing\n`);
}

export const remindersCommand: Command = {
  name: "reminders",
  usage: [
    "reminders plan [--now ISO] [--json]      what would be sent now, to whom and why",
    "reminders run [--now ISO]                send what is due now (through the outbox)",
  ],
  async run(args, { db, clock, config }, io) {
    const { flags, options, positionals } = parseArgs(args, { flags: ["json"], options: ["now"] });
    const [sub, ...extra] = positionals;
    if (extra.length) throw new AppError("bad_argument", `unexpected argument "${extra[0]}"`);
    const now = nowFrom(options, clock.now());
    const ctx = reminderContext(db, { messengers: { feishu: config.feishuEnabled, dingtalk: config.dingtalkEnabled } });
    if (sub === "plan") {
      const plan = await planReminders(ctx, now);
      if (flags.has("json")) return writeJson(io, plan);
      const due = plan.items.filter((i) => i.status === "due").length;
      io.stdout.write(`Reminders at ${localTime(now)} (Asia/Shanghai): ${due} due, ${plan.items.length - due} other\n`);
      for (const w of plan.warnings) io.stdout.write(`WARNING: ${w}\n`);
      if (plan.items.length === 0) io.stdout.write("Nothing is due: no stage is open, or nobody has data missing.\n");
      for (const i of plan.items) printItem(io, i);
      return;
    }
    if (sub === "run") {
      const result = await runDueReminders(ctx, now);
      if (!result.ran) return void io.stdout.write("Another instance is running the reminder tick; nothing done.\n");
      if (flags.has("json")) return writeJson(io, result);
      io.stdout.write(`Sent ${result.sent.length} reminder(s) at ${localTime(now)} (queued in the outbox)\n`);
      for (const i of result.sent) io.stdout.write(`  ${i.key}  ${i.recipient.name}\n`);
      return;
    }
    throw new AppError("bad_argument", 'reminders needs "plan" or "run"');
  },
};
