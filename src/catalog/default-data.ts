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
  /** Load the users of a demo org chart (`"demo": true`); default true. Real org charts always load theirs. */
  demoUsers?: boolean;
  log?: Logger;
}

export async function loadDataFiles(db: Database, files: DataFiles): Promise<{ org: OrgImportResult; catalog: ImportResult }> {
  const catalog = readCatalogFile(files.catalogFile);
  const orgChart = readOrgChartFile(files.orgFile);
  const users = !orgChart.demo || files.demoUsers !== false;
  const org = await importOrgChart(db.prisma, orgChart, catalog.department.code, catalog.department.name, { users });
  if (!users) files.log?.info({ orgFile: files.orgFile }, "demo users not loaded (a messenger is configured; DEMO_USERS=on loads them)");
  const result = await importCatalog(db.prisma, catalog, org.ownership);
  files.log?.info({ year: result.year, indicators: result.indicators, changed: result.changed }, "goal table loaded");
  return { org, catalog: result };
}

/** Loads the default goal table and org chart into an empty database; true when it did. */
export async function ensureDefaultData(db: Database, files: DataFiles): Promise<boolean> {
  // Raw SQL: on a warm start this is the only question asked before the server is ready, and the
  // ORM's first query costs ≈ 0.3 s of set-up (src/main.ts starts background work after ready).
  const [row] = await db.query<{ tables: number }>(`SELECT count(*)::int AS tables FROM "GoalTable"`);
  if (!row?.tables) {
    await loadDataFiles(db, files);
    return true;
  }
  if (files.demoUsers === false) await retireDemoIdentities(db, files);
  return false;
}

/**
 * A database first started as a demo keeps the demo people's messenger ids; once demo users are
 * off those ids (guessable: ou_demo_office_admin) are unbound, so nobody can act as them.
 */
export async function retireDemoIdentities(db: Database, files: DataFiles): Promise<number> {
  const org = readOrgChartFile(files.orgFile);
  if (!org.demo) return 0;
  const ids: Array<{ platform: "feishu" | "dingtalk"; externalId: string }> = [];
  for (const u of org.users) {
    if (u.feishuOpenId) ids.push({ platform: "feishu", externalId: u.feishuOpenId });
    if (u.dingtalkStaffId) ids.push({ platform: "dingtalk", externalId: u.dingtalkStaffId });
  }
  if (!ids.length) return 0;
  const { count } = await db.prisma.identity.deleteMany({ where: { OR: ids } });
  if (count) files.log?.warn({ count }, "demo users' messenger ids unbound (a messenger is configured; DEMO_USERS=on keeps them)");
  return count;
}
