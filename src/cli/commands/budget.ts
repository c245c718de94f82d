import { activeGoalTableId } from "../../catalog/active-table.js";
import { SpreadsheetError } from "../../catalog/xlsx.js";
import { currentFigures, ensureProjects } from "../../budget/store.js";
import { importBudget } from "../../budget/import-budget.js";
import { writeBudgetXlsx } from "../../budget/xlsx.js";
import { AppError } from "../../errors.js";
import { categoryOf } from "../../monitoring/demo.js";
import { loadMonitoringSettings } from "../../monitoring/settings.js";
import { parseArgs, writeJson, type Command } from "../command.js";

function xlsxArg(p: string | undefined): string {
  if (!p || !/\.xlsx$/i.test(p)) throw new AppError("bad_argument", "usage: budget import|export FILE.xlsx");
  return p;
}

export const budgetCommand: Command = {
  name: "budget",
  usage: [
    "budget import FILE.xlsx [--json]         预算项目 budgets and 1–N月累计支出 (万元), all or nothing",
    "budget export FILE.xlsx                  the current budget figures in the same layout",
  ],
  async run(args, { db, clock }, io) {
    const { flags, positionals } = parseArgs(args, { flags: ["json"] });
    const [verb, path] = positionals;
    const settings = loadMonitoringSettings();
    if (verb === "export") {
      const file = xlsxArg(path);
      const tableId = await activeGoalTableId(db.prisma, clock.now());
      if (tableId === null) throw new AppError("not_found", "还没有加载目标表");
      await ensureProjects(db.prisma, tableId, categoryOf(settings));
      const table = await db.prisma.goalTable.findUniqueOrThrow({ where: { id: tableId } });
      const figures = await currentFigures(db.prisma, tableId);
      await writeBudgetXlsx(table.year, figures, file);
      io.stdout.write(`wrote ${file}: ${table.year}, ${figures.length} 个预算项目\n`);
      return;
    }
    if (verb !== "import") throw new AppError("bad_argument", "usage: budget import|export FILE.xlsx");
    const file = xlsxArg(path);
    try {
      const r = await importBudget(db, file, clock.now(), categoryOf(settings));
      if (flags.has("json")) return writeJson(io, { ok: true, ...r });
      io.stdout.write(`imported ${r.year}: ${r.projects} 个预算项目，写入 ${r.written} 条数据\n`);
      for (const m of r.mismatches) io.stdout.write(`表头与项目合计不一致 — ${m}\n`);
    } catch (err) {
      if (err instanceof SpreadsheetError) {
        if (flags.has("json")) writeJson(io, { ok: false, errors: err.errors });
        else for (const e of err.errors) io.stdout.write(`${e.sheet} 第${e.row}行：${e.reason}\n`);
        throw new AppError("invalid_file", `预算文件有 ${err.errors.length} 处问题，未导入任何数据`);
      }
      throw err;
    }
  },
};
