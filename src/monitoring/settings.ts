// Loads data/monitoring-settings.json and data/monitoring-weights-<year>.json (zod-validated): the
// bands, time progress, monitoring rounds, milestones, 自评 bands and grades of issue 13 as data.
import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseDataFile } from "../zod-issues.js";
import { readJsonFile } from "../json-file.js";

const light = z.enum(["green", "yellow", "red", "blue", "grey"]);
const band = z.object({ min: z.number().min(0).max(1), max: z.number().min(0).max(1), label: z.string() }).refine((b) => b.min <= b.max, "min > max");

export const monitoringSettingsSchema = z.object({
  timeProgress: z.object({ mode: z.literal("months"), monthsInYear: z.number().int().positive() }),
  bands: z.object({ red: z.number().positive(), yellow: z.number().positive(), blue: z.number().positive() })
    .refine((b) => b.red < b.yellow && b.yellow < b.blue, "bands must rise: red < yellow < blue"),
  statusLights: z.record(z.string(), light),
  rounds: z.array(z.object({ throughMonth: z.number().int().min(1).max(12), reportMonth: z.number().int().min(1).max(12), label: z.string() })),
  milestones: z.record(z.string(), z.array(z.number().int().min(1).max(12))),
  scoring: z.object({
    executionWeight: z.number().nonnegative(),
    indicatorWeight: z.number().positive(),
    qualitativeBands: z.object({ achieved: band, partial: band, not_achieved: band }),
    statusBands: z.record(z.string(), z.enum(["achieved", "partial", "not_achieved"])),
    grades: z.array(z.object({ min: z.number(), grade: z.string() })).min(1),
  }),
  budgetCategories: z.record(z.string(), z.string()),
  /** Section code of the finance section (sees and enters everything about money). */
  financeSection: z.string(),
  /** Layout files of the official tables, relative to data/ (one per province/year). */
  templates: z.object({ monitoring: z.string(), selfEvaluation: z.string() }),
});

export type MonitoringSettings = z.infer<typeof monitoringSettingsSchema>;

const weightsSchema = z.object({ year: z.number().int(), weights: z.record(z.string(), z.number().nonnegative()) });
export type WeightsFile = z.infer<typeof weightsSchema>;

export const DATA_DIR = path.resolve(import.meta.dirname, "../../data");

export function loadMonitoringSettings(file = path.join(DATA_DIR, "monitoring-settings.json")): MonitoringSettings {
  return parseDataFile(monitoringSettingsSchema, readJsonFile(file), file);
}

/** The year's weights file, or empty weights (equal) when there is none. */
export function loadWeights(year: number, dir = DATA_DIR): WeightsFile {
  const file = path.join(dir, `monitoring-weights-${year}.json`);
  if (!existsSync(file)) return { year, weights: {} };
  return parseDataFile(weightsSchema, readJsonFile(file), file);
}
