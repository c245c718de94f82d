import { AppError } from "../../errors.js";
import { demoClear, demoFill } from "../../monitoring/demo.js";
import { loadMonitoringSettings } from "../../monitoring/settings.js";
import { parseArgs, type Command } from "../command.js";

/** "2021-10" → {year, month}; a clear error otherwise. */
export function parseYearMonth(s: string | undefined, flag: string): { year: number; month: number } {
  const m = /^(\d{4})-(\d{1,2})$/.exec(s ?? "");
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12) throw new AppError("bad_argument", `--${flag} 需要月份，例如 2021-07`);
  return { year: Number(m[1]), month };
}

export const demoCommand: Command = {
  name: "demo",
  usage: [
    "demo fill --through 2021-10              为演示人员填入合理的报送和预算支出（标记为演示数据）",
    "demo clear                               删除全部演示数据（真实报送保留）",
  ],
  async run(args, { db, clock }, io) {
    const { options, positionals } = parseArgs(args, { options: ["through"] });
    const verb = positionals[0];
    if (verb === "fill") {
      const { year, month } = parseYearMonth(options.get("through"), "through");
      const r = await demoFill(db, loadMonitoringSettings(), clock.now(), year, month);
      io.stdout.write(`演示数据已填入 ${r.year}年1–${month}月：${r.reports} 条报送，${r.budgetEntries} 条预算数据（均标记为演示数据，可用 demo clear 删除）\n`);
    } else if (verb === "clear") {
      const r = await demoClear(db);
      io.stdout.write(`已删除演示数据：${r.reports} 条报送，${r.budgetEntries} 条预算数据，${r.reasons} 条偏差原因\n`);
    } else throw new AppError("bad_argument", "用法：demo fill --through YYYY-MM | demo clear");
  },
};
