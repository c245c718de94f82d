import { indicatorRecords } from "../../catalog/indicator-records.js";
import { describeTarget } from "../../domain/target-description.js";
import { AppError } from "../../errors.js";
import { parseArgs, writeJson, type Command } from "../command.js";

export const indicatorsCommand: Command = {
  name: "indicators",
  usage: ["indicators [--json] [--year YYYY]        every indicator of the loaded goal tables"],
  async run(args, { db }, io) {
    const { flags, options, positionals } = parseArgs(args, { flags: ["json"], options: ["year"] });
    if (positionals.length) throw new AppError("bad_argument", `unexpected argument "${positionals[0]}"`);
    const year = options.has("year") ? Number(options.get("year")) : undefined;
    if (year !== undefined && !Number.isInteger(year)) throw new AppError("bad_argument", "--year must be a year such as 2021");
    const list = await indicatorRecords(db.prisma, { year });
    if (flags.has("json")) return writeJson(io, list);
    for (const i of list) {
      io.stdout.write(`${i.code}  ${i.name}  [${i.section.name}]\n    目标：${i.target}  → ${describeTarget(i.typedTarget)}\n`);
    }
    io.stdout.write(`${list.length} indicators\n`);
  },
};
