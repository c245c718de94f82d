// exceljs, imported on first use. Only spreadsheet reads and writes need it (goal-table and budget
// import/export, the official monitoring tables): ≈27 MB and ≈0.3 s that a server at rest should
// not carry (issue 15, measured with scripts/bench-start.ts). Modules that only name its types
// use `import type ExcelJS from "exceljs"`, which loads nothing.
import type ExcelJS from "exceljs";

let loading: Promise<typeof ExcelJS> | undefined;

/** The exceljs module, imported once: `new (await excelJs()).Workbook()`. */
export function excelJs(): Promise<typeof ExcelJS> {
  return (loading ??= import("exceljs").then((m) => m.default));
}
