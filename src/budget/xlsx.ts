// 预算执行 spreadsheet ⇄ budget figures: one row per 预算项目 — 项目名称, 类别, 年初预算, 调整,
// 调整后预算, 1月…12月累计支出 (万元). Reading never half-succeeds: every bad row is named with
// its reason and nothing is returned unless the whole file is valid (like the catalogue import).
import type ExcelJS from "exceljs";
import { excelJs } from "../util/exceljs.js";
import { AppError } from "../errors.js";
import { fromCents, toCents, type ProjectFigures } from "../domain/monitoring/budget.js";
import { SpreadsheetError, type RowError } from "../catalog/xlsx.js";

export const BUDGET_SHEET = "预算执行";
const MONTH_HEADER = (m: number) => `${m}月累计支出`;

export async function writeBudgetXlsx(year: number, figures: ProjectFigures[], file: string): Promise<void> {
  const wb = new (await excelJs()).Workbook();
  wb.creator = "绩效助手";
  const sheet = wb.addWorksheet(BUDGET_SHEET, { views: [{ state: "frozen", ySplit: 1, xSplit: 1 }] });
  sheet.columns = [
    { header: "项目名称", width: 36 }, { header: "类别", width: 10 }, { header: "年初预算", width: 12 }, { header: "调整", width: 10 },
    { header: "调整后预算", width: 12 }, ...Array.from({ length: 12 }, (_, i) => ({ header: MONTH_HEADER(i + 1), width: 12 })),
  ];
  sheet.getRow(1).font = { bold: true };
  const num = (c: number | null) => (c === null ? null : Number(fromCents(c)));
  for (const p of figures) {
    const adjust = p.adjusted !== null && p.initial !== null ? p.adjusted - p.initial : null;
    sheet.addRow([p.name, p.category, num(p.initial), num(adjust), num(p.adjusted), ...Array.from({ length: 12 }, (_, i) => num(p.spent.get(i + 1) ?? null))]);
  }
  sheet.addRow([]);
  sheet.addRow([`${year}年 单位：万元；“调整”= 调整后预算 − 年初预算，导入时不读`]);
  await wb.xlsx.writeFile(file);
}

export interface BudgetRowInput {
  row: number;
  name: string;
  category: string | null;
  initial: number | null;
  adjusted: number | null;
  spent: Map<number, number>;
}

/** Reads and checks the file; `known` = the table's 预算项目 (a new name needs its 类别). */
export async function readBudgetXlsx(file: string, known: ReadonlySet<string>): Promise<BudgetRowInput[]> {
  const wb = new (await excelJs()).Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (err) {
    throw new AppError("invalid_file", `${file} 不是可读取的 .xlsx 文件（${(err as Error).message}）`);
  }
  const sheet = wb.getWorksheet(BUDGET_SHEET) ?? wb.worksheets[0];
  if (!sheet) throw new SpreadsheetError([{ sheet: BUDGET_SHEET, row: 0, reason: "文件中没有工作表" }]);
  const header = new Map<string, number>();
  sheet.getRow(1).eachCell((c, col) => { const t = text(c.value); if (t) header.set(t, col); });
  const errors: RowError[] = [];
  const err = (row: number, reason: string) => errors.push({ sheet: sheet.name, row, reason });
  for (const need of ["项目名称", "年初预算"]) if (!header.has(need)) err(1, `缺少“${need}”列`);
  if (errors.length) throw new SpreadsheetError(errors);
  const rows: BudgetRowInput[] = [];
  const seen = new Map<string, number>();
  sheet.eachRow((r, n) => {
    if (n === 1) return;
    const cell = (h: string) => (header.has(h) ? text(r.getCell(header.get(h)!).value) : null);
    const name = cell("项目名称");
    const values = [...header.keys()].filter((h) => h !== "项目名称").map(cell).filter((v) => v !== null);
    if (!name && values.length === 0) return;
    if (name && values.length === 0 && /单位：万元/.test(name)) return; // the note line our export writes
    if (!name) return err(n, "项目名称为空");
    if (seen.has(name)) return err(n, `项目“${name}”与第${seen.get(name)}行重复`);
    seen.set(name, n);
    const category = cell("类别");
    if (!known.has(name) && !category) err(n, `“${name}”不是目标表中的预算项目；新增项目请填写类别（基本支出/项目支出）`);
    if (category && category !== "基本支出" && category !== "项目支出") err(n, `类别“${category}”应为 基本支出 或 项目支出`);
    const amount = (h: string): number | null => {
      const v = cell(h);
      if (v === null) return null;
      const c = toCents(v);
      if (c === null) err(n, `${h}“${v}”不是金额（万元，最多两位小数，不能为负）`);
      return c;
    };
    const initial = amount("年初预算");
    if (initial === null && !errors.some((e) => e.row === n)) err(n, "年初预算为空");
    const adjusted = amount("调整后预算");
    const spent = new Map<number, number>();
    let last = -1;
    for (let m = 1; m <= 12; m++) {
      const c = amount(MONTH_HEADER(m));
      if (c === null) continue;
      if (c < last) err(n, `${m}月累计支出 ${fromCents(c)} 小于上月的累计数 ${fromCents(last)}（累计支出不会减少）`);
      last = c;
      spent.set(m, c);
    }
    rows.push({ row: n, name, category, initial, adjusted, spent });
  });
  if (errors.length) throw new SpreadsheetError(errors);
  return rows;
}

function text(v: ExcelJS.CellValue): string | null {
  if (v == null) return null;
  if (typeof v === "object") {
    if ("richText" in v) return text(v.richText.map((r) => r.text).join(""));
    if ("result" in v) return text(v.result as ExcelJS.CellValue);
    if ("text" in v) return text((v as { text: string }).text);
    return null;
  }
  const s = String(v).trim();
  return s === "" ? null : s;
}
