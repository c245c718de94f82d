// The goal table as data: loaded idempotently, exported to and imported from xlsx without change,
// a malformed spreadsheet refused whole with row-level reasons — on both storage engines.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadDataFiles } from "../../src/catalog/default-data.js";
import { readCatalogFile } from "../../src/catalog/data-files.js";
import { exportCatalog } from "../../src/catalog/export-catalog.js";
import { importCatalog } from "../../src/catalog/import-catalog.js";
import { indicatorRecords } from "../../src/catalog/indicator-records.js";
import { readCatalogXlsx, readCatalogXlsxWithRows, SpreadsheetError, writeCatalogXlsx } from "../../src/catalog/xlsx.js";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { DEFAULT_FILES, seededDatabase } from "../helpers/seeded.js";

const seed = readCatalogFile(DEFAULT_FILES.catalogFile);
const tmp = mkdtempSync(path.join(tmpdir(), "jx-xlsx-"));

describeEachEngine("goal table catalogue", (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await seededDatabase(engine);
  });
  afterAll(() => db.dispose());

  it("stores every indicator of the seed with its target exactly as printed", async () => {
    const list = await indicatorRecords(db.prisma);
    expect(list.map((i) => [i.code, i.name, i.target])).toEqual(seed.indicators.map((i) => [i.code, i.name, i.target]));
    expect(list.every((i) => i.typedTarget.parts.length > 0)).toBe(true);
    const table = await db.prisma.goalTable.findFirstOrThrow();
    expect(table.totalBudget.toFixed(2)).toBe("2794.05");
    expect(table.fundingFinance.plus(table.fundingOther).toFixed(2)).toBe("2794.05");
    expect(table.basicExpense.plus(table.projectExpense).toFixed(2)).toBe("2794.05");
  });

  it("reloading the same files changes nothing", async () => {
    const counts = async () => [await db.prisma.user.count(), await db.prisma.identity.count(), await db.prisma.section.count(), await db.prisma.goal.count()];
    const before = await indicatorRecords(db.prisma);
    const countsBefore = await counts();
    const again = await loadDataFiles(db, DEFAULT_FILES);
    expect(again.catalog.changed).toBe(false);
    expect(await indicatorRecords(db.prisma)).toEqual(before);
    expect(await counts()).toEqual(countsBefore);
  });

  it("round-trips export → import with no change", async () => {
    const before = await indicatorRecords(db.prisma);
    const file = path.join(tmp, `roundtrip-${engine}.xlsx`);
    await writeCatalogXlsx(await exportCatalog(db.prisma), file);
    const read = await readCatalogXlsx(file);
    expect(read).toEqual(await exportCatalog(db.prisma));
    const result = await importCatalog(db.prisma, read);
    expect(result.changed).toBe(false);
    expect(await indicatorRecords(db.prisma)).toEqual(before);
  });

  it("imports an edited spreadsheet in place, keeping indicator ids; --dry-run writes nothing", async () => {
    const file = path.join(tmp, `edit-${engine}.xlsx`);
    const catalog = await exportCatalog(db.prisma);
    const first = catalog.indicators[0]!;
    catalog.indicators[0] = { ...first, note: "管理员在Excel中补充的备注" };
    await writeCatalogXlsx(catalog, file);
    const before = await indicatorRecords(db.prisma);
    const dry = await importCatalog(db.prisma, await readCatalogXlsx(file), new Map(), { dryRun: true });
    expect(dry).toMatchObject({ changed: true, updated: seed.indicators.length, created: 0, removed: 0 });
    expect(await indicatorRecords(db.prisma)).toEqual(before);
    await importCatalog(db.prisma, await readCatalogXlsx(file));
    const after = await indicatorRecords(db.prisma);
    expect(after[0]).toEqual({ ...before[0], note: "管理员在Excel中补充的备注" });
    expect(after.map((i) => i.id)).toEqual(before.map((i) => i.id));
  });

  it("loads another year's table beside the first", async () => {
    const file = path.join(tmp, `next-${engine}.xlsx`);
    const catalog = await exportCatalog(db.prisma, 2021);
    const next = {
      ...catalog,
      year: 2022,
      indicators: catalog.indicators.slice(0, 3).map((i, n) => ({ ...i, code: `2022-${n + 1}`, section: null })),
    };
    await writeCatalogXlsx(next, file);
    const result = await importCatalog(db.prisma, await readCatalogXlsx(file));
    expect(result).toMatchObject({ year: 2022, created: 3, changed: true });
    const list2022 = await indicatorRecords(db.prisma, { year: 2022 });
    // Owners carried over from the same-named 2021 indicators.
    expect(list2022.map((i) => i.section.code)).toEqual(catalog.indicators.slice(0, 3).map((i) => i.section));
  });

  it("refuses a malformed spreadsheet whole, with row numbers and reasons", async () => {
    const file = path.join(tmp, `bad-${engine}.xlsx`);
    await writeCatalogXlsx(await exportCatalog(db.prisma, 2021), file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet("绩效目标表")!;
    sheet.getRow(3).getCell(6).value = ""; // 绩效指标 empty
    sheet.getRow(4).getCell(2).value = "第一"; // 职责序号 not a number
    sheet.getRow(5).getCell(1).value = sheet.getRow(6).getCell(1).value; // duplicate code
    sheet.getRow(7).getCell(20).value = "每天"; // 报送周期
    await wb.xlsx.writeFile(file);
    const before = await indicatorRecords(db.prisma);
    const err = await readCatalogXlsx(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpreadsheetError);
    // Reasons in Chinese (issue 11 item 6), each with its row.
    const rows = (err as SpreadsheetError).errors.map((e) => [e.row, e.reason]);
    expect(rows).toEqual(
      expect.arrayContaining([
        [3, "「绩效指标」列：不能为空"],
        [4, "「职责序号」列：格式不对（第一）"],
        [6, expect.stringContaining("与第 5 行重复")],
        [7, "「报送周期」列只能填 月、季 或 年，现为“每天”"],
      ]),
    );
    expect(await indicatorRecords(db.prisma)).toEqual(before);
  });

  it("refuses a file that is not a spreadsheet, and an unknown owner section, changing nothing", async () => {
    const notXlsx = path.join(tmp, "not.xlsx");
    (await import("node:fs")).writeFileSync(notXlsx, "this is not a zip");
    await expect(readCatalogXlsx(notXlsx)).rejects.toThrow(/不是可读取的 .xlsx 文件/);
    const catalog = await exportCatalog(db.prisma, 2021);
    catalog.indicators[1] = { ...catalog.indicators[1]!, section: "no-such-section" };
    const before = await indicatorRecords(db.prisma);
    const code = catalog.indicators[1]!.code;
    await expect(importCatalog(db.prisma, catalog, new Map(), { rows: new Map([[code, 3]]) })).rejects.toThrow(
      new RegExp(`第 3 行 ${code} .*：没有这个科室“no-such-section”`),
    );
    expect(await indicatorRecords(db.prisma)).toEqual(before);
  });

  /** The exported table with cells set as Excel stores them (value + number format), written by exceljs. */
  async function excelEdited(name: string, edit: (sheet: ExcelJS.Worksheet, rowOf: (indicator: string) => ExcelJS.Row) => void): Promise<string> {
    const file = path.join(tmp, `${name}-${engine}.xlsx`);
    await writeCatalogXlsx(await exportCatalog(db.prisma, 2021), file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet("绩效目标表")!;
    const rowOf = (indicator: string) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((r) => {
        if (r.getCell(6).value === indicator) found = r;
      });
      return found!;
    };
    edit(sheet, rowOf);
    await wb.xlsx.writeFile(file);
    return file;
  }
  const TARGET = 8; // 年度指标值
  const LAST_YEAR = 13; // 上年值
  const NOTE = 15; // 备注

  it("reads percent, date and custom-format cells as Excel shows them (0.98 formatted 0% is 98%)", async () => {
    let secondName = "";
    const file = await excelEdited("formats", (sheet, rowOf) => {
      const second = () => {
        secondName = String(sheet.getRow(2).getCell(6).value);
        return sheet.getRow(2).getCell(NOTE);
      };
      const row = rowOf("调解成功率");
      // What Excel stores when someone types 98% / 99.70% into the cells.
      Object.assign(row.getCell(TARGET), { value: 0.98, numFmt: "0%" });
      Object.assign(row.getCell(LAST_YEAR), { value: 0.997, numFmt: "0.00%" });
      Object.assign(row.getCell(NOTE), { value: new Date(Date.UTC(2021, 11, 31)), numFmt: 'yyyy"年"m"月"d"日"' });
      Object.assign(second(), { value: 12, numFmt: '0"期"' });
    });
    const before = await indicatorRecords(db.prisma);
    const { catalog, rows } = await readCatalogXlsxWithRows(file);
    const mediation = catalog.indicators.find((i) => i.name === "调解成功率")!;
    expect(mediation).toMatchObject({ target: "98%", note: "2021年12月31日" });
    expect(mediation.lastYearValue).toBe("99.70%"); // as the table printed it, not 0.997
    expect(catalog.indicators.find((i) => i.name === secondName)!.note).toBe("12期");
    // --dry-run: field by field, nothing about types (98% is still a number), nothing written.
    const dry = await importCatalog(db.prisma, catalog, new Map(), { dryRun: true, rows, refuseTypeChanges: true });
    expect(dry.typeChanges).toEqual([]);
    const change = dry.changes.find((c) => c.name === "调解成功率")!;
    expect(change).toMatchObject({ change: "changed", row: rows.get(mediation.code) });
    expect(change.fields).toEqual([{ field: "note", label: "备注", old: before.find((i) => i.name === "调解成功率")!.note, new: "2021年12月31日" }]);
    expect(dry.changes.map((c) => c.name).sort()).toEqual([secondName, "调解成功率"].sort());
    expect(await indicatorRecords(db.prisma)).toEqual(before);
  });

  it("refuses a cell whose number format cannot be shown, with its row", async () => {
    let rowNumber = 0;
    const file = await excelEdited("bad-format", (_sheet, rowOf) => {
      const row = rowOf("调解成功率");
      rowNumber = row.number;
      Object.assign(row.getCell(TARGET), { value: 0.98, numFmt: "0%;0%;0%;@;extra" });
    });
    const err = (await readCatalogXlsx(file).catch((e: unknown) => e)) as SpreadsheetError;
    expect(err).toBeInstanceOf(SpreadsheetError);
    expect(err.errors).toEqual([{ sheet: "绩效目标表", row: rowNumber, reason: expect.stringMatching(/^「年度指标值」列：单元格的数字格式“0%;0%;0%;@;extra”无法按 Excel 的显示读取/) }]);
  });

  it("a target or reference value that changes type shows in --dry-run and needs --accept-type-changes", async () => {
    const file = await excelEdited("type-change", (_sheet, rowOf) => {
      const row = rowOf("调解成功率");
      row.getCell(LAST_YEAR).value = "0.997"; // typed as text: no format can say it was 99.7%
    });
    const before = await indicatorRecords(db.prisma);
    const { catalog, rows } = await readCatalogXlsxWithRows(file);
    const code = catalog.indicators.find((i) => i.name === "调解成功率")!.code;
    const dry = await importCatalog(db.prisma, catalog, new Map(), { dryRun: true, rows, refuseTypeChanges: true });
    expect(dry.typeChanges).toEqual([
      { code, name: "调解成功率", row: rows.get(code), field: "lastYearValue", label: "上年值", old: before.find((i) => i.name === "调解成功率")!.referenceValues.lastYearValue, new: "0.997", from: "数值", to: "定性" },
    ]);
    await expect(importCatalog(db.prisma, catalog, new Map(), { rows, refuseTypeChanges: true })).rejects.toThrow(/类型会改变，未导入任何内容.*--accept-type-changes/);
    expect(await indicatorRecords(db.prisma)).toEqual(before);
    const accepted = await importCatalog(db.prisma, catalog, new Map(), { rows, refuseTypeChanges: false });
    expect(accepted.changed).toBe(true);
    expect((await indicatorRecords(db.prisma)).find((i) => i.name === "调解成功率")!.referenceValues.lastYearValue).toBe("0.997");
  });
});
