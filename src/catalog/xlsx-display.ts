// A spreadsheet cell as Excel shows it (issue 12 item 5). Excel stores what someone typed as "98%"
// as the number 0.98 with the number format `0%`, a date as a serial number with a date format,
// and "800人" typed into a cell formatted `0"人"` as 800. Importing the stored number turned a
// target "98%" into "0.98" (then read as a 定性 target). Text columns therefore take the cell's
// displayed text — the number formatted with its own format code by `numfmt` (a maintained
// implementation of ECMA-376 format codes, the ones Excel uses) — and a format it cannot render is
// refused with the row number and the reason, never guessed at.
// Numeric columns (职责序号, 年度, budget amounts) keep the stored number: their meaning is the number.
// numfmt is imported when a spreadsheet is read, not at start (issue 15): hence the async
// displayedTextReader, called once per file.
import type ExcelJS from "exceljs";

export type Displayed = { ok: true; text: string } | { ok: false; reason: string };

/** The text Excel displays for a number or date cell, or why it cannot be read (displayedTextReader). */
export type DisplayedText = (value: number | Date, numFmt: string | undefined) => Displayed;

type Numfmt = typeof import("numfmt");
let numfmtModule: Promise<Numfmt> | undefined;

/** Excel's day 0 is 1899-12-30 (with the 1900 leap-year bug folded in): serial = days since then. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** ExcelJS turns a date-formatted serial into a JS Date at UTC midnight (+ time): back to the serial. */
function serialOf(date: Date): number {
  return (date.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
}

const PLAIN = new Set(["General", "general", "@"]);

/**
 * The reader of displayed text, numfmt imported on the first call. The reader's `numFmt` is the
 * cell's number format code (ExcelJS `cell.numFmt`; undefined = General).
 */
export async function displayedTextReader(): Promise<DisplayedText> {
  const numfmt = await (numfmtModule ??= import("numfmt"));
  return (value, numFmt) => displayedText(numfmt, value, numFmt);
}

function displayedText({ format: formatCell, isValidFormat }: Numfmt, value: number | Date, numFmt: string | undefined): Displayed {
  const isDate = value instanceof Date;
  if (isDate && Number.isNaN(value.getTime())) return { ok: false, reason: "日期单元格的值无效" };
  const serial = isDate ? serialOf(value) : value;
  const code = numFmt && numFmt.trim() !== "" ? numFmt : isDate ? "yyyy-mm-dd" : "General";
  if (PLAIN.has(code) && !isDate) return { ok: true, text: formatCell("General", serial) };
  if (!isValidFormat(code)) return { ok: false, reason: unreadable(code) };
  try {
    const text = formatCell(code, serial).trim();
    // numfmt renders a value it cannot show in this format as hashes, as Excel does ("#####").
    if (text === "" || /^#+$/.test(text)) return { ok: false, reason: unreadable(code) };
    return { ok: true, text };
  } catch {
    return { ok: false, reason: unreadable(code) };
  }
}

function unreadable(code: string): string {
  return `单元格的数字格式“${code}”无法按 Excel 的显示读取；请把该单元格设为“文本”格式，再填写要显示的内容（如 98%）`;
}

/** True for a value the cell's format decides how to show (a number or a date). */
export function isFormattable(v: ExcelJS.CellValue): v is number | Date {
  return typeof v === "number" || v instanceof Date;
}
