import { exportCatalog } from "../../catalog/export-catalog.js";
import { importCatalog } from "../../catalog/import-catalog.js";
import { readCatalogXlsx, SpreadsheetError, writeCatalogXlsx } from "../../catalog/xlsx.js";
import { AppError } from "../../errors.js";
import { parseArgs, writeJson, type Command } from "../command.js";
import { exportTables, isTableExport, TABLE_EXPORT_USAGE } from "./export.js";

function xlsxPath(positionals: string[], verb: string): string {
  if (positionals.length !== 1) throw new AppError("bad_argument", `usage: ${verb} FILE.xlsx`);
  const file = positionals[0]!;
  if (!/\.xlsx$/i.test(file)) throw new AppError("bad_argument", `${file}: expected a .xlsx file`);
  return file;
}

export const exportCommand: Command = {
  name: "export",
  usage: ["export FILE.xlsx [--year YYYY]           the goal table as a spreadsheet (one row per indicator)", ...TABLE_EXPORT_USAGE],
  async run(args, services, io) {
    if (isTableExport(args)) return exportTables(args, services, io);
    const { db } = services;
    const { options, positionals } = parseArgs(args, { options: ["year"] });
    const file = xlsxPath(positionals, "export");
    const year = options.has("year") ? Number(options.get("year")) : undefined;
    const catalog = await exportCatalog(db.prisma, year);
    await writeCatalogXlsx(catalog, file);
    io.stdout.write(`wrote ${file}: ${catalog.year}, ${catalog.indicators.length} indicators\n`);
  },
};

export const importCommand: Command = {
  name: "import",
  usage: ["import FILE.xlsx [--dry-run] [--json]    load a corrected or new year's table, all or nothing"],
  async run(args, { db, clock }, io) {
    const { flags, positionals } = parseArgs(args, { flags: ["dry-run", "json"] });
    const file = xlsxPath(positionals, "import");
    const dryRun = flags.has("dry-run");
    try {
      const catalog = await readCatalogXlsx(file);
      const result = await importCatalog(db.prisma, catalog, new Map(), { dryRun });
      if (!dryRun && result.changed) {
        await db.prisma.auditLog.create({ data: { at: clock.now(), action: "catalog.import", subject: file, detail: { ...result } } });
      }
      if (flags.has("json")) return writeJson(io, { ok: true, dryRun, ...result });
      const what = result.changed
        ? `${result.created} new, ${result.updated} updated, ${result.removed} removed`
        : "no change";
      io.stdout.write(`${dryRun ? "dry run — would import" : "imported"} ${result.year}: ${result.indicators} indicators (${what})\n`);
    } catch (err) {
      if (err instanceof SpreadsheetError && flags.has("json")) {
        writeJson(io, { ok: false, errors: err.errors });
        throw new AppError("invalid_file", err.userMessage);
      }
      if (err instanceof SpreadsheetError) {
        for (const e of err.errors) io.stdout.write(`${e.sheet} row ${e.row}: ${e.reason}\n`);
      }
      throw err;
    }
  },
};
