// First start: load the org chart and the default goal table. Later starts: nothing to do (a
// table is already there); `npm run cli -- load` reloads on purpose, idempotently.
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import { readCatalogFile, readOrgChartFile } from "./data-files.js";
import { importCatalog, type ImportResult } from "./import-catalog.js";
import { importOrgChart, type OrgImportResult } from "./import-org-chart.js";

export interface DataFiles {
  catalogFile: string;
  orgFile: string;
  log?: Logger;
}

export async function loadDataFiles(db: Database, files: DataFiles): Promise<{ org: OrgImportResult; catalog: ImportResult }> {
  const catalog = readCatalogFile(files.catalogFile);
  const orgChart = readOrgChartFile(files.orgFile);
  const org = await importOrgChart(db.prisma, orgChart, catalog.department.code, catalog.department.name);
  const result = await importCatalog(db.prisma, catalog, org.ownership);
  files.log?.info({ year: result.year, indicators: result.indicators, changed: result.changed }, "goal table loaded");
  return { org, catalog: result };
}

export async function ensureDefaultData(db: Database, files: DataFiles): Promise<void> {
  if ((await db.prisma.goalTable.count()) > 0) return;
  await loadDataFiles(db, files);
}
