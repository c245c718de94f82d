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
  if (!p || !/\.xlsx$/i.test(p)) throw new AppError("bad_argument", "用法：budget import|export 文件.xlsx");
  return p;
}

export const budgetCommand: Command = {
  name: "budget",
  usage: [
    "budget import FILE.xlsx [--json]         导入预算项目的预算与 1–N月累计支出（万元），全部成功或全部不导入",
    "budget export FILE.xlsx                  按同样格式导出当前预算数据",
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
      io.stdout.write(`已写入 ${file}：${table.year} 年，${figures.length} 个预算项目\n`);
      return;
    }
    if (verb !== "import") throw new AppError("bad_argument", "用法：budget import|export 文件.xlsx");
    const file = xlsxArg(path);
    try {
      const r = await importBudget(db, file, clock.now(), categoryOf(settings));
      if (flags.has("json")) return writeJson(io, { ok: true, ...r });
      io.stdout.write(`已导入 ${r.year} 年：${r.projects} 个预算项目，写入 ${r.written} 条数据\n`);
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
