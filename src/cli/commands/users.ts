import { z } from "zod";
import { AppError } from "../../errors.js";
import { addUser, bindIdentities, findUser } from "../../users/users.js";
import { parseArgs, writeJson, type Command } from "../command.js";
import { CHINESE_MESSAGES, describeIssues } from "../../zod-issues.js";

const addSchema = z.object({
  name: z.string().trim().min(1, "需要 --name <姓名>"),
  section: z.string().trim().min(1).optional(),
  role: z.enum(["staff", "head", "admin"], { message: "--role 只能是 staff（科员）、head（科长）或 admin（管理员）" }),
  feishuOpenId: z.string().trim().min(1).optional(),
  dingtalkStaffId: z.string().trim().min(1).optional(),
});

const ROLE_TEXT: Record<string, string> = { staff: "科员", head: "科长", admin: "管理员" };

export const usersCommand: Command = {
  name: "users",
  usage: [
    "users add --name N --section S --role staff|head|admin [--feishu-open-id X] [--dingtalk-staff-id Y]",
    "users bind --user <name|id> [--feishu-open-id X] [--dingtalk-staff-id Y]   绑定飞书/钉钉账号",
    "users list [--json]",
  ],
  async run(args, { db, clock }, io) {
    const [sub, ...rest] = args;
    const opts = ["name", "section", "role", "feishu-open-id", "dingtalk-staff-id", "user"];
    const { flags, options, positionals } = parseArgs(rest, { flags: ["json"], options: opts });
    if (positionals.length) throw new AppError("bad_argument", `多余的参数“${positionals[0]}”`);
    if (sub === "add") {
      const input = {
        name: options.get("name"),
        section: options.get("section"),
        role: options.get("role"),
        feishuOpenId: options.get("feishu-open-id"),
        dingtalkStaffId: options.get("dingtalk-staff-id"),
      };
      const parsed = addSchema.safeParse(input, CHINESE_MESSAGES);
      if (!parsed.success) throw new AppError("bad_argument", describeIssues(parsed.error, { bare: true }));
      const user = await addUser(db.prisma, parsed.data);
      await db.prisma.auditLog.create({ data: { at: clock.now(), action: "user.add", subject: `user:${user.id}`, detail: parsed.data } });
      io.stdout.write(`已添加 ${user.name}（编号 ${user.id}，${ROLE_TEXT[user.role]}）\n`);
      return;
    }
    if (sub === "bind") {
      const key = options.get("user");
      if (!key) throw new AppError("bad_argument", "需要 --user <姓名或编号>");
      const ids = { feishuOpenId: options.get("feishu-open-id"), dingtalkStaffId: options.get("dingtalk-staff-id") };
      if (!ids.feishuOpenId && !ids.dingtalkStaffId) throw new AppError("bad_argument", "请给出 --feishu-open-id 和/或 --dingtalk-staff-id");
      const user = await findUser(db.prisma, key);
      await bindIdentities(db.prisma, user.id, ids);
      await db.prisma.auditLog.create({ data: { at: clock.now(), action: "user.bind", subject: `user:${user.id}`, detail: ids } });
      io.stdout.write(`已绑定 ${user.name}（编号 ${user.id}）\n`);
      return;
    }
    if (sub === "list") {
      const users = await db.prisma.user.findMany({ include: { section: true, identities: true }, orderBy: { id: "asc" } });
      const list = users.map((u) => ({
        id: u.id,
        name: u.name,
        role: u.role,
        section: u.section ? { code: u.section.code, name: u.section.name } : null,
        active: u.active,
        identities: u.identities.map((i) => ({ platform: i.platform, externalId: i.externalId })),
      }));
      if (flags.has("json")) return writeJson(io, list);
      for (const u of list) {
        const ids = u.identities.map((i) => `${i.platform}:${i.externalId}`).join(" ");
        io.stdout.write(`${String(u.id).padStart(3)}  ${u.name}  ${ROLE_TEXT[u.role]}  ${u.section?.name ?? "—"}  ${ids}${u.active ? "" : "  （已停用）"}\n`);
      }
      return;
    }
    throw new AppError("bad_argument", `users 后面要跟 add、bind 或 list，现为“${sub ?? ""}”`);
  },
};
