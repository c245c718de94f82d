// One chart definition (an ECharts option + a size) → SVG (ECharts' server-side renderer, no DOM)
// → PNG (resvg, with the npm-shipped CJK font and no system fonts, so output is the same on every
// machine). No headless browser on the send path.
// ECharts (≈600 modules with zrender) and resvg are imported on the first chart, not at start: a
// server that draws no chart does not carry them (issue 15: ≈45 MB and ≈0.5 s of every start,
// measured with scripts/bench-start.ts). Hence every function here is async.
import type { EChartsOption } from "echarts";
import type { RenderedImage, ResvgRenderOptions } from "@resvg/resvg-js";
import { CHART_FONT_FAMILY, chartFontFile } from "./font.js";

export interface ChartDefinition {
  /** File-name-safe id: "indicator-12", "section-3", "budget", "bureau-duties". */
  id: string;
  /** Alt text / caption: what the chart shows, in Chinese. */
  title: string;
  width: number;
  height: number;
  option: EChartsOption;
}

let echartsModule: Promise<typeof import("echarts")> | undefined;
let resvgModule: Promise<typeof import("@resvg/resvg-js")> | undefined;
/** ECharts, imported once, on the first chart drawn. */
const echarts = () => (echartsModule ??= import("echarts"));
/** resvg (a native addon), imported once, on the first PNG. */
const resvg = () => (resvgModule ??= import("@resvg/resvg-js"));

/** The chart as an SVG string (text as <text> in the CJK font family). */
export async function renderChartSvg(def: ChartDefinition): Promise<string> {
  const chart = (await echarts()).init(null, null, { renderer: "svg", ssr: true, width: def.width, height: def.height });
  try {
    chart.setOption({ animation: false, backgroundColor: "#ffffff", textStyle: { fontFamily: CHART_FONT_FAMILY }, ...def.option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export interface PngOptions {
  /** Device pixel ratio: 2 keeps text sharp on phones (default 2). */
  scale?: number;
}

const resvgOptions = (opts: PngOptions): ResvgRenderOptions => ({
  background: "#ffffff",
  fitTo: { mode: "zoom", value: opts.scale ?? 2 },
  font: { fontFiles: [chartFontFile()], loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY },
});

/**
 * Any SVG rasterized with the chart font only (system fonts are never consulted): `pixels` (RGBA)
 * for tests, `asPng()` for files. Off the event loop (resvg's worker thread), since a chart with
 * much CJK text takes a second or more to rasterize on a loaded machine.
 */
export async function rasterize(svg: string, opts: PngOptions = {}): Promise<RenderedImage> {
  return (await resvg()).renderAsync(svg, resvgOptions(opts));
}

/** Any SVG → PNG bytes (rasterize). */
export async function svgToPng(svg: string, opts: PngOptions = {}): Promise<Buffer> {
  return (await rasterize(svg, opts)).asPng();
}

/** The chart as PNG bytes: SVG on the event loop, pixels off it (what the senders upload). */
export async function renderChartPng(def: ChartDefinition, opts: PngOptions = {}): Promise<Buffer> {
  return svgToPng(await renderChartSvg(def), opts);
}
