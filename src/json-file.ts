// Reading a JSON data or settings file (data/*.json, data/monitoring-*.json, reminder settings):
// the one way a missing or malformed file is said. Check the content with zod-issues.ts parseDataFile.
import { readFileSync } from "node:fs";
import { AppError } from "./errors.js";

/**
 * The parsed JSON of `file` (a path as given; callers resolve relative ones). Throws AppError
 * "invalid_file": "无法读取 <file>" when it cannot be read, "<file> 不是有效的 JSON：<parser's message>"
 * when it is not JSON.
 */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new AppError("invalid_file", `无法读取 ${file}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError("invalid_file", `${file} 不是有效的 JSON：${(err as Error).message}`);
  }
}
