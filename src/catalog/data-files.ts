// Reading the committed default data (data/*.json) with row-level error messages.
import path from "node:path";
import { AppError } from "../errors.js";
import { catalogSchema, orgChartSchema, type Catalog, type OrgChart } from "./catalog-schema.js";
import { parseDataFile } from "../zod-issues.js";
import { readJsonFile } from "../json-file.js";

/** The project root (data/ paths in settings are relative to it unless absolute). */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

export function resolveDataPath(file: string): string {
  return path.isAbsolute(file) ? file : path.resolve(PROJECT_ROOT, file);
}

export function readCatalogFile(file: string): Catalog {
  const catalog = parseDataFile(catalogSchema, readJsonFile(resolveDataPath(file)), file, { root: "(file)", limit: 10 });
  const codes = new Set<string>();
  for (const ind of catalog.indicators) {
    if (codes.has(ind.code)) throw new AppError("invalid_file", `${file}：指标编码 ${ind.code} 重复`);
    codes.add(ind.code);
  }
  return catalog;
}

export function readOrgChartFile(file: string): OrgChart {
  return parseDataFile(orgChartSchema, readJsonFile(resolveDataPath(file)), file, { root: "(file)", limit: 10 });
}
