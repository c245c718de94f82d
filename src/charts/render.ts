// One chart definition (an ECharts option + a size) → SVG (ECharts' server-side renderer, no DOM)
// → PNG (resvg, with the npm-shipped CJK font and no system fonts, so output is the same on every
// machine). No headless browser on the send path.
import * as echarts from "echarts";
import { Resvg, renderAsync } from "@resvg/resvg-js";
import { CHART_FONT_FAMILY, chartFontFile } from "./font.js";

export interface ChartDefinition {
  /** File-name-safe id: "indicator-12", "section-3", "budget", "bureau-duties". */
  id: string;
  /** Alt text / caption: what the chart shows, in Chinese. */
  title: string;
  width: number;
  height: number;
  option: echarts.EChartsOption;
}

/** The chart as an SVG string (text as <text> in the CJK font family). */
export function renderChartSvg(def: ChartDefinition): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: def.width, height: def.height });
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

/** Any SVG → PNG bytes with the chart font only (system fonts are never consulted). */
export function svgToPng(svg: string, opts: PngOptions = {}): Buffer {
  return rasterize(svg, opts).asPng();
}

const resvgOptions = (opts: PngOptions) => ({
  background: "#ffffff",
  fitTo: { mode: "zoom" as const, value: opts.scale ?? 2 },
  font: { fontFiles: [chartFontFile()], loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY },
});

/** The rendered image (pixels for tests, asPng for files). */
export function rasterize(svg: string, opts: PngOptions = {}) {
  return new Resvg(svg, resvgOptions(opts)).render();
}

/**
 * The chart as PNG off the event loop (resvg's worker thread): what a server path uses, since a
 * chart with much CJK text takes a second or more to rasterize on a loaded machine.
 */
export async function renderChartPngAsync(def: ChartDefinition, opts: PngOptions = {}): Promise<Buffer> {
  const image = await renderAsync(renderChartSvg(def), resvgOptions(opts));
  return image.asPng();
}

/** The chart as PNG bytes. */
export function renderChartPng(def: ChartDefinition, opts: PngOptions = {}): Buffer {
  return svgToPng(renderChartSvg(def), opts);
}
