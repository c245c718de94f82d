// Reading the committed default data (data/*.json) with row-level error messages.
import { readFileSync } from "node:fs";
import path from "node:path";
import { AppError } from "../errors.js";
import { catalogSchema, orgChartSchema, type Catalog, type OrgChart } from "./catalog-schema.js";
import { CHINESE_MESSAGES, describeIssues } from "../zod-issues.js";

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
  const parsed = catalogSchema.safeParse(readJson(file), CHINESE_MESSAGES);
  if (!parsed.success) {
    throw new AppError("invalid_file", `${file}: ${describeIssues(parsed.error, { root: "(file)", limit: 10 })}`);
  }
  const codes = new Set<string>();
  for (const ind of parsed.data.indicators) {
    if (codes.has(ind.code)) throw new AppError("invalid_file", `${file}: duplicate indicator code ${ind.code}`);
    codes.add(ind.code);
  }
  return parsed.data;
}

export function readOrgChartFile(file: string): OrgChart {
  const parsed = orgChartSchema.safeParse(readJson(file), CHINESE_MESSAGES);
  if (!parsed.success) {
    throw new AppError("invalid_file", `${file}: ${describeIssues(parsed.error, { root: "(file)", limit: 10 })}`);
  }
  return parsed.data;
}
