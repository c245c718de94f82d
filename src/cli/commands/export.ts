// `export monitoring --through YYYY-MM FILE.xlsx` and `export self-evaluation --year YYYY FILE.xlsx`:
// the official tables (issue 13 item 6). Reached through the `export` command (spreadsheet.ts).
import type { Services } from "../../services.js";
import { AppError } from "../../errors.js";
import { exportMonitoring } from "../../monitoring/export-monitoring.js";
import { exportSelfEvaluation } from "../../monitoring/export-self-evaluation.js";
import { loadMonitoringSettings } from "../../monitoring/settings.js";
import { describeCounts, LIGHT_LABEL } from "../../domain/monitoring/lights.js";
import { parseArgs, type CommandIO } from "../command.js";
import { parseYearMonth } from "./demo.js";

export const TABLE_EXPORT_USAGE = [
  "export monitoring --through 2021-07 FILE.xlsx   绩效运行监控表 (budget pace + every indicator's light)",
  "export self-evaluation --year 2021 [--through 2021-10] FILE.xlsx   部门整体支出绩效自评表 (scores, total, grade)",
];

export function isTableExport(args: string[]): boolean {
  return args[0] === "monitoring" || args[0] === "self-evaluation";
}

function fileArg(p: string | undefined): string {
  if (!p || !/\.xlsx$/i.test(p)) throw new AppError("bad_argument", "需要 .xlsx 文件，例如 monitoring.xlsx");
  return p;
}

export async function exportTables(args: string[], { db, clock }: Services, io: CommandIO): Promise<void> {
  const { options, positionals } = parseArgs(args.slice(1), { options: ["through", "year"] });
  const file = fileArg(positionals[0]);
  const settings = loadMonitoringSettings();
  const activeYear = (await db.prisma.goalTable.findFirst({ orderBy: { year: "desc" }, select: { year: true } }))?.year;
  if (args[0] === "monitoring") {
    const { year, month } = parseYearMonth(options.get("through"), "through");
    if (year !== activeYear) throw new AppError("bad_argument", `没有 ${year} 年的目标表`);
    const v = await exportMonitoring(db, settings, clock.now(), month, file);
    io.stdout.write(`已写入 ${file}：${v.year}年1–${month}月，${v.rows.length} 项指标，全局 ${LIGHT_LABEL[v.bureau.light]} ${describeCounts(v.bureau.counts)}，预算执行 ${LIGHT_LABEL[v.budgetTotal.light]}\n`);
    return;
  }
  const year = Number(options.get("year"));
  if (!Number.isInteger(year) || year !== activeYear) throw new AppError("bad_argument", `--year 需要目标表的年份（${activeYear ?? "尚未加载目标表"}）`);
  const through = options.has("through") ? parseYearMonth(options.get("through"), "through").month : 12;
  const e = await exportSelfEvaluation(db, settings, clock.now(), through, file);
  io.stdout.write(`已写入 ${file}：${year}年自评 ${e.total.toFixed(2)} 分（预算执行 ${e.executionScore.toFixed(2)} + 指标 ${e.indicatorTotal.toFixed(2)}），等级 ${e.grade}\n`);
}
