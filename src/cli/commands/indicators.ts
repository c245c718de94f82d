import { indicatorRecords } from "../../catalog/indicator-records.js";
import { describeTarget } from "../../domain/target-description.js";
import { AppError } from "../../errors.js";
import { parseArgs, writeJson, type Command } from "../command.js";

export const indicatorsCommand: Command = {
  name: "indicators",
  usage: ["indicators [--json] [--year YYYY]        已加载目标表的全部指标"],
  async run(args, { db }, io) {
    const { flags, options, positionals } = parseArgs(args, { flags: ["json"], options: ["year"] });
    if (positionals.length) throw new AppError("bad_argument", `多余的参数“${positionals[0]}”`);
    const year = options.has("year") ? Number(options.get("year")) : undefined;
    if (year !== undefined && !Number.isInteger(year)) throw new AppError("bad_argument", "--year 需要年份，例如 2021");
    const list = await indicatorRecords(db.prisma, { year });
    if (flags.has("json")) return writeJson(io, list);
    for (const i of list) {
      io.stdout.write(`${i.code}  ${i.name}  [${i.section.name}]\n    目标：${i.target}  → ${describeTarget(i.typedTarget)}\n`);
    }
    io.stdout.write(`共 ${list.length} 个指标\n`);
  },
};
