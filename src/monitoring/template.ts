// Official tables as data: a template (data/templates/*.json) describes the sheet — column widths,
// title, header rows with merged cells, and row blocks that take their values from named fields —
// so another province's or year's layout is a new data file, not code. renderTemplate fills it.
import type ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { z } from "zod";

const cell = z.object({
  text: z.string().optional(),
  field: z.string().optional(),
  span: z.number().int().positive().default(1),
  rows: z.number().int().positive().default(1),
});
const block = z.discriminatedUnion("type", [
  z.object({ type: z.literal("title"), text: z.string(), height: z.number().optional() }),
  z.object({ type: z.literal("line"), cells: z.array(cell) }),
  z.object({ type: z.literal("header"), rows: z.array(z.array(cell)) }),
  z.object({ type: z.literal("rows"), source: z.string(), cells: z.array(cell), mergeRepeated: z.array(z.string()).default([]) }),
]);
export const templateSchema = z.object({
  name: z.string(),
  sheet: z.string(),
  landscape: z.boolean().default(true),
  columns: z.array(z.number().positive()),
  blocks: z.array(block),
});
export type SheetTemplate = z.infer<typeof templateSchema>;

export function loadTemplate(file: string): SheetTemplate {
  return templateSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

export type CellValue = string | number | null;
/** One record per data row; `fill` gives a row's cell colours by field (ARGB). */
export type Record_ = { [field: string]: unknown; $fill?: Record<string, string> };

export interface TemplateData {
  /** {year}, {m}, {department} … in texts */
  vars: Record<string, string | number>;
  /** Named row sources ("budget", "indicators") and single-record sources for `line` fields. */
  sources: Record<string, Record_[]>;
}

const thin = { style: "thin" as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * A string stays a string cell: text beginning with = + - @ is never turned into a formula (ExcelJS
 * only writes formulas from {formula} objects; numbers are passed as numbers on purpose).
 */
export function safeValue(v: CellValue): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  return typeof v === "number" ? v : String(v);
}

/** Display width of text in Excel column units: CJK characters take two. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u0000-\u00ff]/.test(ch) ? 1.1 : 2.1;
  return w;
}

/**
 * Row height for wrapped text (points). LibreOffice and Excel do not grow a row for wrapped text
 * written by a library, so the height is estimated from the longest cell: lines × 15.
 */
function fitRow(ws: ExcelJS.Worksheet, row: number, cells: { value: CellValue; width: number }[]): void {
  const lines = Math.max(1, ...cells.map((c) => (c.value === null ? 1 : Math.ceil(textWidth(String(c.value)) / Math.max(1, c.width - 1)))));
  ws.getRow(row).height = Math.max(18, lines * 15 + 3);
}

function fillVars(text: string, vars: TemplateData["vars"]): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function renderTemplate(wb: ExcelJS.Workbook, t: SheetTemplate, data: TemplateData): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(t.sheet, {
    pageSetup: { orientation: t.landscape ? "landscape" : "portrait", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = t.columns.map((width) => ({ width }));
  const width = t.columns.length;
  let r = 1;
  const taken = new Set<string>();
  const put = (row: number, col: number, c: z.infer<typeof cell>, value: CellValue, style: Partial<ExcelJS.Style>) => {
    while (taken.has(`${row}:${col}`)) col++;
    const x = ws.getCell(row, col);
    x.value = safeValue(value);
    Object.assign(x, { style: { ...style, border: BORDER } });
    const r2 = row + c.rows - 1;
    const c2 = Math.min(width, col + c.span - 1);
    for (let i = row; i <= r2; i++) for (let j = col; j <= c2; j++) taken.add(`${i}:${j}`);
    if (r2 > row || c2 > col) ws.mergeCells(row, col, r2, c2);
    return c2 + 1;
  };
  for (const b of t.blocks) {
    if (b.type === "title") {
      ws.mergeCells(r, 1, r, width);
      const x = ws.getCell(r, 1);
      x.value = fillVars(b.text, data.vars);
      x.style = { font: { bold: true, size: 16 }, alignment: { horizontal: "center", vertical: "middle" } };
      ws.getRow(r).height = b.height ?? 30;
      r++;
    } else if (b.type === "line" || b.type === "header") {
      const rows = b.type === "line" ? [b.cells] : b.rows;
      const style: Partial<ExcelJS.Style> = b.type === "header"
        ? { font: { bold: true }, alignment: { horizontal: "center", vertical: "middle", wrapText: true }, fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF7" } } }
        : { alignment: { vertical: "middle", wrapText: true } };
      for (const cells of rows) {
        let col = 1;
        for (const c of cells) col = put(r, col, c, c.text !== undefined ? fillVars(c.text, data.vars) : ((data.sources["vars"]?.[0]?.[c.field ?? ""] ?? null) as CellValue), style);
        r++;
      }
    } else {
      const records = data.sources[b.source] ?? [];
      const startRow = r;
      for (const rec of records) {
        let col = 1;
        const sized: { value: CellValue; width: number }[] = [];
        for (const c of b.cells) {
          const from = col;
          const value = (c.field ? (rec[c.field] ?? null) : (c.text ?? null)) as CellValue;
          const fill = c.field ? rec.$fill?.[c.field] : undefined;
          col = put(r, col, c, value as CellValue, {
            alignment: { vertical: "middle", wrapText: true, horizontal: typeof value === "number" ? "right" : "left" },
            ...(typeof value === "number" ? { numFmt: "0.00" } : {}),
            ...(fill ? { fill: { type: "pattern", pattern: "solid", fgColor: { argb: fill } } } : {}),
          });
          const span = t.columns.slice(from - 1, from - 1 + c.span).reduce((s, w) => s + w, 0);
          if (!b.mergeRepeated.includes(c.field ?? "")) sized.push({ value, width: span });
        }
        fitRow(ws, r, sized);
        r++;
      }
      // Merge runs of equal 职责 / 职责目标 cells like the paper form.
      for (const field of b.mergeRepeated) {
        let col = 1;
        for (const c of b.cells) { if (c.field === field) break; col += c.span; }
        let from = 0;
        for (let i = 1; i <= records.length; i++) {
          if (i < records.length && records[i]![field] === records[from]![field] && records[i]![field] !== null) continue;
          if (i - 1 > from) ws.mergeCells(startRow + from, col, startRow + i - 1, col);
          from = i;
        }
      }
    }
  }
  return ws;
}
