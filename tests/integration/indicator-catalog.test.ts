// Which goal table the conversation works with: the one of the business year when it is loaded,
// else the latest (README: "the table of the current year when one is loaded, otherwise the latest
// year"). With 2021 and 2022 loaded, a bot pinned to 2021 must not answer from 2022's table.
import { afterAll, beforeAll, expect, it } from "vitest";
import { exportCatalog } from "../../src/catalog/export-catalog.js";
import { importCatalog } from "../../src/catalog/import-catalog.js";
import { cachedCatalog, loadIndicatorCatalog } from "../../src/conversation/indicator-catalog.js";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { seededDatabase } from "../helpers/seeded.js";

describeEachEngine("indicator catalogue: the table in force", (engine) => {
  let db: TestDatabase;
  let count2021: number;
  beforeAll(async () => {
    db = await seededDatabase(engine);
    const catalog = await exportCatalog(db.prisma, 2021);
    count2021 = catalog.indicators.length;
    const next = { ...catalog, year: 2022, indicators: catalog.indicators.slice(0, 3).map((i, n) => ({ ...i, code: `2022-${n + 1}`, section: null })) };
    await importCatalog(db.prisma, next);
  }, 120_000);
  afterAll(() => db?.dispose());

  it("the business year's table when it is loaded, else the latest", async () => {
    const in2021 = await loadIndicatorCatalog(db, new Date("2021-11-15T10:00:00+08:00"));
    expect(in2021.year).toBe(2021);
    expect(in2021.indicators).toHaveLength(count2021);
    expect(in2021.indicators.every((i) => i.year === 2021)).toBe(true);
    const in2022 = await loadIndicatorCatalog(db, new Date("2022-03-01T10:00:00+08:00"));
    expect([in2022.year, in2022.indicators.length]).toEqual([2022, 3]);
    const later = await loadIndicatorCatalog(db, new Date("2026-01-05T10:00:00+08:00"));
    expect([later.year, later.indicators.length]).toEqual([2022, 3]);
  });

  it("the cached loader follows the business year across New Year (Shanghai time)", async () => {
    const catalog = cachedCatalog(db, 60_000);
    expect((await catalog(new Date("2021-12-31T23:59:00+08:00"))).year).toBe(2021);
    expect((await catalog(new Date("2021-12-31T16:00:00Z"))).year).toBe(2022); // 2022-01-01 00:00 in Shanghai
  });
});
