// The issue-14 charts on the 2021 demo data (demo fill through 2021-10, business time 2021-11-15),
// written to docs/images/chart-*.png for the README. Also the demo view the chart benchmark uses.
//   npx tsx scripts/chart-samples.ts
import { writeFileSync } from "node:fs";
import path from "node:path";
import { openDatabase } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { loadDataFiles } from "../src/catalog/default-data.js";
import { demoFill } from "../src/monitoring/demo.js";
import { loadMonitoringSettings } from "../src/monitoring/settings.js";
import { monitoringView, type MonitoringView } from "../src/monitoring/monitoring-view.js";
import { budgetChart, bureauDutiesChart, indicatorPaceChart, sectionLightsChart } from "../src/charts/definitions.js";
import { renderChartPng, type ChartDefinition } from "../src/charts/render.js";

export const DEMO_NOW = new Date("2021-11-15T02:00:00Z");

/** An in-memory database with the default 2021 table, demo data through October, and its view. */
export async function demoView(): Promise<{ view: MonitoringView; close(): Promise<void> }> {
  const db = await openDatabase({ dataDir: "memory://" });
  await migrate(db);
  await loadDataFiles(db, { catalogFile: "data/goal-table-2021.json", orgFile: "data/org-chart.json" });
  const settings = loadMonitoringSettings();
  await demoFill(db, settings, DEMO_NOW, 2021, 10);
  const view = (await monitoringView(db, settings, DEMO_NOW, 10))!;
  return { view, close: () => db.close() };
}

/** One chart of each kind: the first counted indicator that is behind, its section, budget, bureau. */
export function sampleCharts(view: MonitoringView): ChartDefinition[] {
  const settings = loadMonitoringSettings();
  const row = view.rows.find((r) => r.progress.aggregation === "sum" && r.light.light === "red" && r.progress.part)
    ?? view.rows.find((r) => r.progress.aggregation === "sum" && r.progress.part)!;
  return [
    indicatorPaceChart(view, row, settings.timeProgress)!,
    sectionLightsChart(view, row.indicator.sectionId)!,
    budgetChart(view),
    bureauDutiesChart(view),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { view, close } = await demoView();
  for (const def of sampleCharts(view)) {
    const png = await renderChartPng(def);
    const file = path.join("docs/images", `chart-${def.id.replace(/-\d+$/, "")}.png`);
    writeFileSync(file, png);
    process.stdout.write(`${file}: ${def.title}, ${def.width}×${def.height} @2x, ${(png.length / 1024).toFixed(1)} KiB\n`);
  }
  await close();
}
