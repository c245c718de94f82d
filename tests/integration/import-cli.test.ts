// `npm run cli -- import FILE.xlsx` as the administrator sees it (issue 11 item 6, issue 12 item 5),
// run in-process through the CLI's own runner on both engines: --dry-run lists what would change
// field by field (old → new) and the values whose type would change; such an import is refused
// (exit 1, one Chinese line, nothing written) until --accept-type-changes; --json stays JSON.
// The spreadsheet is a real xlsx written by exceljs with the number formats Excel stores.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { loadConfig } from "../../src/config.js";
import { exportCatalog } from "../../src/catalog/export-catalog.js";
import { indicatorRecords } from "../../src/catalog/indicator-records.js";
import { writeCatalogXlsx } from "../../src/catalog/xlsx.js";
import { silentLogger } from "../../src/logger.js";
import type { Services } from "../../src/services.js";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { seededDatabase } from "../helpers/seeded.js";
import { runCliInProcess } from "../helpers/cli-in-process.js";

const tmp = mkdtempSync(path.join(tmpdir(), "jx-import-cli-"));

describeEachEngine("import from the CLI", (engine) => {
  let db: TestDatabase;
  let services: Services;
  let file: string;
  let row = 0;
  beforeAll(async () => {
    db = await seededDatabase(engine);
    services = { config: loadConfig({}), clock: fixedClock("2021-11-15T10:00:00+08:00"), log: silentLogger, db, close: async () => {} };
    // 98% typed into Excel (0.98 formatted 0%): unchanged; 上年值 typed as the text 0.997: a type change.
    file = path.join(tmp, `table-${engine}.xlsx`);
    await writeCatalogXlsx(await exportCatalog(db.prisma, 2021), file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet("绩效目标表")!;
    sheet.eachRow((r) => {
      if (r.getCell(6).value !== "调解成功率") return;
      row = r.number;
      Object.assign(r.getCell(8), { value: 0.98, numFmt: "0%" });
      r.getCell(13).value = "0.997";
      r.getCell(15).value = "十一月起按月统计";
    });
    await wb.xlsx.writeFile(file);
  });
  afterAll(() => db.dispose());

  const cli = (...args: string[]) => runCliInProcess(services, args);

  it("--dry-run lists the changes field by field and the type change, and writes nothing", async () => {
    const before = await indicatorRecords(db.prisma);
    const mediation = before.find((i) => i.name === "调解成功率")!;
    const r = await cli("import", file, "--dry-run");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^试运行（未写入）——将导入 2021 年：共 \d+ 个指标（新增 0 个，修改 1 个，删除 0 个）/);
    expect(r.stdout).toContain(`修改 第 ${row} 行 ${mediation.code} 调解成功率\n`);
    expect(r.stdout).toContain(`    上年值：“${mediation.referenceValues.lastYearValue}” → “0.997”\n`);
    expect(r.stdout).toContain(`    备注：${mediation.note === null ? "（空）" : `“${mediation.note}”`} → “十一月起按月统计”\n`);
    expect(r.stdout).not.toContain("年度指标值"); // 0.98 formatted 0% is read as 98%: no change
    expect(r.stdout).toContain(`第 ${row} 行 ${mediation.code} 调解成功率「上年值」：“${mediation.referenceValues.lastYearValue}” → “0.997”（数值 → 定性）`);
    expect(await indicatorRecords(db.prisma)).toEqual(before);

    const json = await cli("import", file, "--dry-run", "--json");
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { ok: boolean; dryRun: boolean; typeChanges: Array<{ field: string; from: string; to: string }> };
    expect(parsed).toMatchObject({ ok: true, dryRun: true });
    expect(parsed.typeChanges).toEqual([expect.objectContaining({ field: "lastYearValue", from: "数值", to: "定性" })]);
  });

  it("refuses the type change without --accept-type-changes (one Chinese line, nothing written), imports with it", async () => {
    const before = await indicatorRecords(db.prisma);
    const refused = await cli("import", file);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(refused.stderr).toMatch(/^错误：1 个指标值的类型会改变，未导入任何内容：.*--accept-type-changes/);
    expect(await indicatorRecords(db.prisma)).toEqual(before);

    const accepted = await cli("import", file, "--accept-type-changes");
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(/^已导入 2021 年/);
    const after = (await indicatorRecords(db.prisma)).find((i) => i.name === "调解成功率")!;
    expect(after).toMatchObject({ target: "98%", note: "十一月起按月统计" });
    expect(after.referenceValues.lastYearValue).toBe("0.997");
  });
});
