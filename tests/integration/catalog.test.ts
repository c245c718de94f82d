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
import { readCatalogXlsx, SpreadsheetError, writeCatalogXlsx } from "../../src/catalog/xlsx.js";
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
    const rows = (err as SpreadsheetError).errors.map((e) => [e.row, e.reason.split(":")[0]]);
    expect(rows).toEqual(
      expect.arrayContaining([
        [3, "绩效指标"],
        [4, "职责序号"],
        [6, expect.stringContaining("repeats row 5")],
        [7, "报送周期 must be 月, 季 or 年, got \"每天\""],
      ]),
    );
    expect(await indicatorRecords(db.prisma)).toEqual(before);
  });

  it("refuses a file that is not a spreadsheet, and an unknown owner section, changing nothing", async () => {
    const notXlsx = path.join(tmp, "not.xlsx");
    (await import("node:fs")).writeFileSync(notXlsx, "this is not a zip");
    await expect(readCatalogXlsx(notXlsx)).rejects.toThrow(/not a readable .xlsx/);
    const catalog = await exportCatalog(db.prisma, 2021);
    catalog.indicators[1] = { ...catalog.indicators[1]!, section: "no-such-section" };
    const before = await indicatorRecords(db.prisma);
    await expect(importCatalog(db.prisma, catalog)).rejects.toThrow(/unknown section "no-such-section"/);
    expect(await indicatorRecords(db.prisma)).toEqual(before);
  });
});
