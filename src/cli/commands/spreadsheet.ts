import { exportCatalog } from "../../catalog/export-catalog.js";
import { importCatalog, type IndicatorChange, type TypeChange } from "../../catalog/import-catalog.js";
import { readCatalogXlsxWithRows, SpreadsheetError, writeCatalogXlsx } from "../../catalog/xlsx.js";
import { AppError } from "../../errors.js";
import { parseArgs, writeJson, type Command, type CommandIO } from "../command.js";
import { exportTables, isTableExport, TABLE_EXPORT_USAGE } from "./export.js";

function xlsxPath(positionals: string[], verb: string): string {
  if (positionals.length !== 1) throw new AppError("bad_argument", `用法：${verb} 文件.xlsx`);
  const file = positionals[0]!;
  if (!/\.xlsx$/i.test(file)) throw new AppError("bad_argument", `${file}：需要 .xlsx 文件`);
  return file;
}

export const exportCommand: Command = {
  name: "export",
  usage: ["export FILE.xlsx [--year YYYY]           目标表导出为表格（每个指标一行）", ...TABLE_EXPORT_USAGE],
  async run(args, services, io) {
    if (isTableExport(args)) return exportTables(args, services, io);
    const { db } = services;
    const { options, positionals } = parseArgs(args, { options: ["year"] });
    const file = xlsxPath(positionals, "export");
    const year = options.has("year") ? Number(options.get("year")) : undefined;
    const catalog = await exportCatalog(db.prisma, year);
    await writeCatalogXlsx(catalog, file);
    io.stdout.write(`已写入 ${file}：${catalog.year} 年，${catalog.indicators.length} 个指标\n`);
  },
};

const CHANGE = { new: "新增", changed: "修改", removed: "删除" } as const;
const shown = (v: string | null) => (v === null ? "（空）" : `“${v}”`);

/** `import --dry-run`: what would change, indicator by indicator and field by field. */
function printChanges(io: CommandIO, changes: IndicatorChange[], typeChanges: TypeChange[]): void {
  for (const c of changes) {
    io.stdout.write(`${CHANGE[c.change]} ${c.row ? `第 ${c.row} 行 ` : ""}${c.code} ${c.name}\n`);
    if (c.change === "changed") for (const f of c.fields) io.stdout.write(`    ${f.label}：${shown(f.old)} → ${shown(f.new)}\n`);
  }
  if (typeChanges.length) {
    io.stdout.write(`类型改变（需要 --accept-type-changes）：\n`);
    for (const t of typeChanges) io.stdout.write(`    ${t.row ? `第 ${t.row} 行 ` : ""}${t.code} ${t.name}「${t.label}」：${shown(t.old)} → ${shown(t.new)}（${t.from} → ${t.to}）\n`);
  }
}

export const importCommand: Command = {
  name: "import",
  usage: ["import FILE.xlsx [--dry-run] [--accept-type-changes] [--json]   导入修改后的或新一年的目标表，全部成功或全部不导入"],
  async run(args, { db, clock }, io) {
    const { flags, positionals } = parseArgs(args, { flags: ["dry-run", "json", "accept-type-changes"] });
    const file = xlsxPath(positionals, "import");
    const dryRun = flags.has("dry-run");
    try {
      const { catalog, rows } = await readCatalogXlsxWithRows(file);
      const result = await importCatalog(db.prisma, catalog, new Map(), { dryRun, rows, refuseTypeChanges: !flags.has("accept-type-changes") });
      if (!dryRun && result.changed) {
        await db.prisma.auditLog.create({ data: { at: clock.now(), action: "catalog.import", subject: file, detail: JSON.parse(JSON.stringify(result)) } });
      }
      if (flags.has("json")) return writeJson(io, { ok: true, dryRun, ...result });
      const changed = result.changes.filter((c) => c.change === "changed").length;
      const what = result.changed ? `新增 ${result.created} 个，修改 ${changed} 个，删除 ${result.removed} 个` : "没有变化";
      io.stdout.write(`${dryRun ? "试运行（未写入）——将导入" : "已导入"} ${result.year} 年：共 ${result.indicators} 个指标（${what}）\n`);
      if (dryRun) printChanges(io, result.changes, result.typeChanges);
    } catch (err) {
      if (err instanceof SpreadsheetError && flags.has("json")) {
        writeJson(io, { ok: false, errors: err.errors });
        throw new AppError("invalid_file", err.userMessage);
      }
      if (err instanceof SpreadsheetError) {
        for (const e of err.errors) io.stdout.write(`${e.sheet} ${e.row ? `第 ${e.row} 行` : ""}：${e.reason}\n`);
      }
      throw err;
    }
  },
};
