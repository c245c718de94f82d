// Goal table ⇄ .xlsx, so an administrator can correct data in Excel and load next year's table.
// Reading never half-succeeds: every bad row is reported (row number + reason) and nothing is
// returned for import unless the whole file is valid.
import { readFile, stat } from "node:fs/promises";
import type ExcelJS from "exceljs";
import { excelJs } from "../util/exceljs.js";
import { AppError } from "../errors.js";
import { escapeCellText, unescapeCellText } from "./xlsx-cells.js";
import { displayedTextReader, isFormattable } from "./xlsx-display.js";
import { checkFileSize, checkXlsxLimits, XlsxLimitError } from "./xlsx-limits.js";
import { catalogIndicatorSchema, catalogSchema, type Catalog } from "./catalog-schema.js";
import { CADENCE_LABELS, COLUMNS, HEADER_ROWS, HEADER_SHEET, INDICATOR_SHEET, headerText, matchColumn, type Column } from "./xlsx-columns.js";
import { issueLine } from "../zod-issues.js";

export async function writeCatalogXlsx(catalog: Catalog, file: string): Promise<void> {
  const wb = new (await excelJs()).Workbook();
  wb.creator = "绩效助手";
  const sheet = wb.addWorksheet(INDICATOR_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: headerText(c, catalog.year), key: c.field, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const ind of catalog.indicators) {
    sheet.addRow(
      escapeRow({
        ...ind,
        aliases: ind.aliases.join("、"),
        cadence: ind.cadence ? CADENCE_LABELS[ind.cadence] : null,
      }),
    );
  }
  const header = wb.addWorksheet(HEADER_SHEET);
  header.columns = [
    { header: "项目", key: "label", width: 28 },
    { header: "内容", key: "value", width: 100 },
  ];
  for (const [path, label] of HEADER_ROWS) header.addRow({ label, value: escapeCellText(String(readPath(catalog, path))) });
  await wb.xlsx.writeFile(file);
}

export interface RowError {
  sheet: string;
  row: number;
  reason: string;
}

export class SpreadsheetError extends AppError {
  constructor(readonly errors: RowError[]) {
    super("invalid_file", `表格有 ${errors.length} 处问题，未导入任何内容`, errors);
  }
}

/** The catalogue and, per indicator code, its row in the sheet (for row-level reasons later on). */
export async function readCatalogXlsxWithRows(file: string): Promise<{ catalog: Catalog; rows: Map<string, number> }> {
  const wb = new (await excelJs()).Workbook();
  try {
    // Size, unpacked size and rows first (xlsx-limits.ts): ExcelJS holds the whole sheet in memory.
    checkFileSize((await stat(file)).size);
    const buffer = await readFile(file);
    checkXlsxLimits(buffer);
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch (err) {
    if (err instanceof XlsxLimitError) throw new SpreadsheetError([{ sheet: "(文件)", row: 0, reason: err.message }]);
    throw new AppError("invalid_file", `${file} 不是可读取的 .xlsx 文件（${(err as Error).message}）`);
  }
  const errors: RowError[] = [];
  const displayedText = await displayedTextReader();
  /**
   * A cell's import text; formula cells and formula-like text are refused with their row. Text
   * columns read a number or date as Excel displays it (xlsx-display.ts); `numeric` columns keep
   * the stored number.
   */
  const cellAt = (sheetName: string, row: number, cell: ExcelJS.Cell, column?: string, numeric = false): string | null => {
    const v = cell.value;
    const where = column ? `「${column}」列：` : "";
    if (isFormula(v)) {
      errors.push({ sheet: sheetName, row, reason: `${where}公式单元格不接受，请改为直接填写数值或文字` });
      return null;
    }
    let text: string | null;
    if (isFormattable(v) && !numeric) {
      const shown = displayedText(v, cell.numFmt);
      if (!shown.ok) {
        errors.push({ sheet: sheetName, row, reason: `${where}${shown.reason}` });
        return null;
      }
      text = shown.text === "" ? null : shown.text;
    } else text = cellText(v);
    if (text === null) return null;
    const check = unescapeCellText(text);
    if (!check.ok) {
      errors.push({ sheet: sheetName, row, reason: `${where}${check.reason}` });
      return null;
    }
    return check.text;
  };
  const headerSheet = wb.getWorksheet(HEADER_SHEET);
  const sheet = wb.getWorksheet(INDICATOR_SHEET);
  if (!sheet) throw new SpreadsheetError([{ sheet: INDICATOR_SHEET, row: 0, reason: `缺少工作表“${INDICATOR_SHEET}”` }]);
  if (!headerSheet) throw new SpreadsheetError([{ sheet: HEADER_SHEET, row: 0, reason: `缺少工作表“${HEADER_SHEET}”` }]);

  const head: Record<string, unknown> = {};
  headerSheet.eachRow((row, n) => {
    if (n === 1) return;
    const label = cellText(row.getCell(1).value);
    const known = HEADER_ROWS.find(([, l]) => l === label);
    if (known) setPath(head, known[0], cellAt(HEADER_SHEET, n, row.getCell(2), label ?? undefined, known[0] === "year" || known[0].startsWith("budget.")));
    else if (label) errors.push({ sheet: HEADER_SHEET, row: n, reason: `未知的项目“${label}”` });
  });

  const columns = new Map<number, Column>();
  sheet.getRow(1).eachCell((cell, col) => {
    const column = matchColumn(cellText(cell.value) ?? "");
    if (column) columns.set(col, column);
    else errors.push({ sheet: INDICATOR_SHEET, row: 1, reason: `未知的列“${cellText(cell.value)}”` });
  });
  for (const c of COLUMNS) {
    const required = ["code", "dutySeq", "duty", "goal", "name", "target"].includes(c.field);
    if (required && ![...columns.values()].includes(c)) {
      errors.push({ sheet: INDICATOR_SHEET, row: 1, reason: `缺少“${c.header.replace("{year}", "YYYY")}”列` });
    }
  }

  const indicators: unknown[] = [];
  const rows = new Map<string, number>();
  const seen = new Map<string, number>();
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const raw: Record<string, unknown> = {};
    const refused = new Set<string>(); // cells already reported: their emptiness is not a second problem
    for (const [col, column] of columns) {
      const before = errors.length;
      raw[column.field] = cellAt(INDICATOR_SHEET, n, row.getCell(col), column.header.replace("{year}", ""), column.field === "dutySeq");
      if (errors.length > before) refused.add(column.field);
    }
    if (Object.values(raw).every((v) => v == null)) return; // blank line
    raw.aliases = typeof raw.aliases === "string" ? raw.aliases.split(/[、,，;；]/).map((a) => a.trim()).filter(Boolean) : [];
    raw.cadence = cadenceFromLabel(raw.cadence, n, errors);
    // Parsed without zod's locale: our schema's own messages are Chinese, zod's generic ones are
    // replaced by cellMessage, which names the value the cell holds.
    const parsed = catalogIndicatorSchema.safeParse(raw);
    if (parsed.success && refused.size) return;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (refused.has(String(issue.path[0]))) continue;
        const where = (path: readonly PropertyKey[]) => `「${COLUMNS.find((c) => c.field === path[0])?.header.replace("{year}", "") ?? path.join(".")}」列`;
        errors.push({ sheet: INDICATOR_SHEET, row: n, reason: issueLine(issue, { where, separator: "：", what: (i) => cellMessage(i, raw[String(i.path[0])]) }) });
      }
      return;
    }
    const firstRow = seen.get(parsed.data.code);
    if (firstRow) errors.push({ sheet: INDICATOR_SHEET, row: n, reason: `指标编码 ${parsed.data.code} 与第 ${firstRow} 行重复` });
    seen.set(parsed.data.code, n);
    rows.set(parsed.data.code, n);
    indicators.push(parsed.data);
  });
  if (indicators.length === 0 && !errors.length) errors.push({ sheet: INDICATOR_SHEET, row: 2, reason: "没有指标行" });

  const catalog = catalogSchema.safeParse({ ...head, indicators });
  if (!catalog.success) {
    for (const issue of catalog.error.issues) {
      if (issue.path[0] === "indicators") continue; // already reported per row
      const where = (path: readonly PropertyKey[]) => HEADER_ROWS.find(([p]) => p === path.join("."))?.[1];
      errors.push({ sheet: HEADER_SHEET, row: 0, reason: issueLine(issue, { where, separator: "：", what: (i) => cellMessage(i, readPath(head, i.path.join("."))) }) });
    }
  }
  if (errors.length || !catalog.success) throw new SpreadsheetError(errors);
  return { catalog: catalog.data, rows };
}

/** readCatalogXlsx without the row numbers. */
export async function readCatalogXlsx(file: string): Promise<Catalog> {
  return (await readCatalogXlsxWithRows(file)).catalog;
}

/** What is wrong with a cell, naming its value: the schema's own (Chinese) message, or a plain one for zod's generic ones. */
function cellMessage(issue: { code: string; message: string }, value: unknown): string {
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
  if (value === undefined || value === null || value === "") return "不能为空";
  if (issue.code === "too_small") return `过小（${String(value)}）`;
  if (issue.code === "too_big") return `过大（${String(value)}）`;
  return `格式不对（${String(value)}）`;
}

function cadenceFromLabel(v: unknown, row: number, errors: RowError[]): string | null {
  if (v == null) return null;
  const entry = Object.entries(CADENCE_LABELS).find(([key, label]) => v === label || v === key);
  if (!entry) {
    errors.push({ sheet: INDICATOR_SHEET, row, reason: `「报送周期」列只能填 月、季 或 年，现为“${String(v)}”` });
    return null;
  }
  return entry[0];
}

/** A formula (or shared-formula) cell: its cached result must not be imported as data. */
function isFormula(v: ExcelJS.CellValue): boolean {
  return v !== null && typeof v === "object" && ("formula" in v || "sharedFormula" in v);
}

/** Every string of an export row written with the apostrophe convention (xlsx-cells.ts). */
function escapeRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "string" ? escapeCellText(v) : v]));
}

/** Cell value as trimmed text (numbers, rich text); empty → null. Formulas are refused by the caller. */
function cellText(v: ExcelJS.CellValue): string | null {
  if (v == null) return null;
  if (typeof v === "object") {
    if ("richText" in v) return cellText(v.richText.map((r) => r.text).join(""));
    if ("text" in v) return cellText((v as { text: string }).text);
    if (v instanceof Date) return v.toISOString();
    return null;
  }
  const s = String(v).trim();
  return s === "" ? null : s;
}

function readPath(obj: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], obj);
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let o = obj;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  o[keys.at(-1)!] = value;
}
