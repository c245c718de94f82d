// Reads data/holidays-cn.json (format described in the file's "about" field), validated with zod
// so that a typo in an administrator's new year fails loudly at start instead of moving deadlines.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { AppError } from "../errors.js";
import type { WorkCalendar } from "../domain/work-calendar.js";
import { parseDataFile } from "../zod-issues.js";

export const DEFAULT_HOLIDAYS_FILE = "data/holidays-cn.json";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");

const fileSchema = z.object({
  about: z.string().optional(),
  years: z.record(
    z.string().regex(/^\d{4}$/),
    z.object({
      source: z.string(),
      verified: z.boolean(),
      holidays: z.array(z.object({ name: z.string().min(1), from: date, to: date }).refine((h) => h.from <= h.to, "from after to")),
      workdays: z.array(date),
    }),
  ),
});

export function parseHolidays(json: unknown, origin = "holidays file"): WorkCalendar {
  const parsed = parseDataFile(fileSchema, json, origin);
  // Ranges are not required to stay inside their year: 元旦 2024 ran 2023-12-30 … 2024-01-01.
  return { years: parsed.years };
}

export function readHolidays(file = DEFAULT_HOLIDAYS_FILE): WorkCalendar {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new AppError("invalid_file", `cannot read ${file}`);
  }
  return parseHolidays(JSON.parse(text), file);
}
