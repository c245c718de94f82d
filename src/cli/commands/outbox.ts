// `outbox failed` lists messages that failed for good (a permanent answer, or retried past the
// horizon) and messages whose outcome is unknown (not repeated where the platform cannot
// de-duplicate); `outbox retry` puts them back in their recipient's queue. Policy: docs/delivery.md.
import { AppError } from "../../errors.js";
import type { Platform } from "../../generated/prisma/client.js";
import { listUndelivered, requeue, type UndeliveredMessage } from "../../outbox/index.js";
import { parseArgs, writeJson, type Command } from "../command.js";
import type { Services } from "../../services.js";

const STATUS_TEXT = { failed: "发送失败", unknown: "送达情况未知" } as const;
const PLATFORM_TEXT: Record<string, string> = { feishu: "飞书", dingtalk: "钉钉", local: "网页对话" };
const KIND_TEXT: Record<string, string> = { reply: "回复", reminder: "提醒" };

export const outboxCommand: Command = {
  name: "outbox",
  usage: [
    "outbox failed [--json] [--limit N]   messages that failed for good or whose delivery is unknown, with the reason",
    "outbox retry <id> [<id> …] | --all    send them again (--all: every failed one; unknown ones only by id)",
  ],
  async run(args, services, io) {
    const [sub, ...rest] = args;
    const { flags, options, positionals } = parseArgs(rest, { flags: ["json", "all"], options: ["limit"] });
    if (sub === "failed") {
      if (positionals.length) throw new AppError("bad_argument", `多余的参数“${positionals[0]}”`);
      const limit = options.has("limit") ? Number(options.get("limit")) : 200;
      if (!Number.isInteger(limit) || limit < 1) throw new AppError("bad_argument", "--limit 须为正整数");
      const rows = await withNames(services, await listUndelivered(services.db, { limit }));
      if (flags.has("json")) return writeJson(io, rows);
      if (rows.length === 0) return void io.stdout.write("没有发送失败或送达情况未知的消息。\n");
      io.stdout.write(`共 ${rows.length} 条消息未能确认送达：\n`);
      for (const r of rows) {
        const who = r.userName ? `${r.userName}（${r.recipient}）` : r.recipient;
        io.stdout.write(
          `#${r.id} ${STATUS_TEXT[r.status]} · ${PLATFORM_TEXT[r.platform] ?? r.platform}${KIND_TEXT[r.kind] ?? r.kind} · 接收人 ${who} · 尝试 ${r.attempts} 次 · 创建于 ${r.createdAt.toISOString()}\n    原因：${r.reason}\n`,
        );
      }
      io.stdout.write("重新发送：npm run cli -- outbox retry <编号>（全部失败消息：--all）\n");
      return;
    }
    if (sub === "retry") {
      const all = flags.has("all");
      if (all === (positionals.length > 0)) throw new AppError("bad_argument", "请给出消息编号，或使用 --all（二者选一）");
      const ids = positionals.map((p) => Number(p));
      if (ids.some((id) => !Number.isInteger(id) || id < 1)) throw new AppError("bad_argument", "消息编号须为正整数");
      const done = await requeue(services.db, all ? "all" : ids, new Date());
      const missing = all ? [] : ids.filter((id) => !done.includes(id));
      if (done.length) io.stdout.write(`已重新排队 ${done.length} 条消息：${done.map((id) => `#${id}`).join("、")}\n`);
      else io.stdout.write("没有可重新发送的消息。\n");
      if (missing.length) io.stdout.write(`以下编号不存在或不是失败/未知状态，未处理：${missing.map((id) => `#${id}`).join("、")}\n`);
      return;
    }
    throw new AppError("bad_argument", "用法：outbox failed [--json] | outbox retry <编号…>|--all");
  },
};

/** Adds the bound user's name where the recipient is a person we know. */
async function withNames(services: Services, rows: UndeliveredMessage[]): Promise<Array<UndeliveredMessage & { userName?: string }>> {
  if (rows.length === 0) return [];
  const identities = await services.db.prisma.identity.findMany({
    where: { OR: rows.map((r) => ({ platform: r.platform as Platform, externalId: r.recipient })) },
    include: { user: { select: { name: true } } },
  });
  const name = (r: UndeliveredMessage) => identities.find((i) => i.platform === r.platform && i.externalId === r.recipient)?.user.name;
  return rows.map((r) => ({ ...r, ...(name(r) ? { userName: name(r) } : {}) }));
}
