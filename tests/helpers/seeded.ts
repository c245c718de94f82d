// A fresh database on `engine` with the committed default data loaded (the 2021 table + org chart),
// exactly as `npm start` loads it on first start.
import type { Engine } from "../../src/db/client.js";
import { loadDataFiles } from "../../src/catalog/default-data.js";
import { freshDatabase, type TestDatabase } from "./engines.js";

export const DEFAULT_FILES = { catalogFile: "data/goal-table-2021.json", orgFile: "data/org-chart.json" };

export async function seededDatabase(engine: Engine): Promise<TestDatabase> {
  const db = await freshDatabase(engine);
  await loadDataFiles(db, DEFAULT_FILES);
  return db;
}
