// Reading the committed default data (data/*.json) with row-level error messages.
import { readFileSync } from "node:fs";
import path from "node:path";
import { AppError } from "../errors.js";
import { catalogSchema, orgChartSchema, type Catalog, type OrgChart } from "./catalog-schema.js";
import { parseDataFile } from "../zod-issues.js";

/** The project root (data/ paths in settings are relative to it unless absolute). */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

export function resolveDataPath(file: string): string {
  return path.isAbsolute(file) ? file : path.resolve(PROJECT_ROOT, file);
}

function readJson(file: string): unknown {
  const full = resolveDataPath(file);
  let text: string;
  try {
    text = readFileSync(full, "utf8");
  } catch {
    throw new AppError("invalid_file", `cannot read ${full}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError("invalid_file", `${full} is not valid JSON: ${(err as Error).message}`);
  }
}

export function readCatalogFile(file: string): Catalog {
  const catalog = parseDataFile(catalogSchema, readJson(file), file, { root: "(file)", limit: 10 });
  const codes = new Set<string>();
  for (const ind of catalog.indicators) {
    if (codes.has(ind.code)) throw new AppError("invalid_file", `${file}: duplicate indicator code ${ind.code}`);
    codes.add(ind.code);
  }
  return catalog;
}

export function readOrgChartFile(file: string): OrgChart {
  return parseDataFile(orgChartSchema, readJson(file), file, { root: "(file)", limit: 10 });
}
