import { AppError } from "../../errors.js";
import { parseArgs, writeJson, type Command } from "../command.js";

export const sectionsCommand: Command = {
  name: "sections",
  usage: ["sections [--json]                        各科室的负责人、人员和指标"],
  async run(args, { db }, io) {
    const { flags, positionals } = parseArgs(args, { flags: ["json"] });
    if (positionals.length) throw new AppError("bad_argument", `多余的参数“${positionals[0]}”`);
    const sections = await db.prisma.section.findMany({
      orderBy: { id: "asc" },
      include: {
        users: { where: { active: true }, orderBy: { id: "asc" } },
        indicators: { orderBy: [{ goalTableId: "asc" }, { position: "asc" }], select: { code: true, name: true } },
      },
    });
    const list = sections.map((s) => ({
      code: s.code,
      name: s.name,
      aliases: s.aliases,
      head: s.users.find((u) => u.role === "head")?.name ?? null,
      staff: s.users.filter((u) => u.role !== "head").map((u) => ({ name: u.name, role: u.role })),
      indicators: s.indicators.map((i) => i.name),
    }));
    if (flags.has("json")) return writeJson(io, list);
    for (const s of list) {
      io.stdout.write(`${s.name} (${s.code})  负责人：${s.head ?? "—"}  人员：${s.staff.map((u) => u.name).join("、") || "—"}\n`);
      for (const name of s.indicators) io.stdout.write(`    · ${name}\n`);
    }
  },
};
