// Chart render time (issue 14): median of N renders per chart kind on the 2021 demo data (through
// October), against a baseline in the same run — an empty chart (title only) through the same
// ECharts SSR → resvg path, so the ratio is what each chart costs beyond the fixed font/raster cost.
//   npx tsx scripts/bench-charts.ts          (N=15 renders per chart)
import { renderChartPng, renderChartSvg, svgToPng, type ChartDefinition } from "../src/charts/render.js";
import { demoView, sampleCharts } from "./chart-samples.js";

const N = Number(process.env.N ?? 15);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(def: ChartDefinition): Promise<{ total: number; svg: number; bytes: number }> {
  const totals: number[] = [];
  const svgs: number[] = [];
  let bytes = 0;
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    const svg = await renderChartSvg(def);
    const t1 = performance.now();
    bytes = (await svgToPng(svg)).length;
    totals.push(performance.now() - t0);
    svgs.push(t1 - t0);
  }
  return { total: median(totals), svg: median(svgs), bytes };
}

const { view, close } = await demoView();
const baseline: ChartDefinition = { id: "empty", title: "空图", width: 720, height: 380, option: { title: { text: "空图" } } };
await renderChartPng(baseline); // warm-up: module load, first font parse
const base = await time(baseline);
process.stdout.write(`baseline (empty chart, 720×380 @2x): median ${base.total.toFixed(1)} ms (SVG ${base.svg.toFixed(1)} ms), ${(base.bytes / 1024).toFixed(1)} KiB\n`);
for (const def of sampleCharts(view)) {
  const r = await time(def);
  process.stdout.write(`${def.id.padEnd(16)} ${def.width}×${def.height}: median ${r.total.toFixed(1)} ms (SVG ${r.svg.toFixed(1)} ms, PNG ${(r.total - r.svg).toFixed(1)} ms) = ${(r.total / base.total).toFixed(2)}× baseline, ${(r.bytes / 1024).toFixed(1)} KiB\n`);
}
await close();
