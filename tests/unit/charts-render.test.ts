// Chart text is drawn with the npm-shipped CJK font (issue 14 item 1): a chart with Chinese text
// differs from the same chart with its text removed, and no character of the charts' vocabulary
// is drawn as the font's "missing glyph" box (compared with a rendering of a character the font
// lacks, U+10FFFD in the last private-use plane).
import { expect, it } from "vitest";
import { rasterize, renderChartPng, renderChartSvg, type ChartDefinition } from "../../src/charts/render.js";
import { CHART_FONT_FAMILY } from "../../src/charts/font.js";
import { LIGHT_WORD } from "../../src/charts/light-style.js";

const chart = (title: string, names: string[]): ChartDefinition => ({
  id: "t", title, width: 480, height: 240,
  option: {
    title: { text: title },
    xAxis: { type: "value" },
    yAxis: { type: "category", data: names },
    series: [{ type: "bar", data: names.map((_, i) => i + 1) }],
  },
});

it("renders a PNG whose Chinese text is drawn (differs from the text-free rendering)", async () => {
  const withText = await renderChartPng(chart("普法与依法治理科：指标灯", ["新媒体平台建设", "法律援助案件"]));
  const noText = await renderChartPng(chart("", ["", ""]));
  expect(withText.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(withText.equals(noText)).toBe(false);
  expect(await renderChartSvg(chart("标题", ["甲"]))).toContain(CHART_FONT_FAMILY);
});

it("draws no character of the charts' vocabulary as a missing-glyph box", async () => {
  const vocabulary = `${Object.values(LIGHT_WORD).join("")}逐月累计与进度线年度指标值数据截至月预算执行按项目全局职责单位条长实际目标时间虚线定性最新状态括号内为比个百分点合计科室司法局律师调解普法援助经费`;
  const chars = [...new Set(vocabulary)];
  const cell = 40;
  // One glyph per cell; cell 0 holds the missing glyph the others must not look like.
  const all = ["\u{10FFFD}", ...chars];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${cell * all.length}" height="${cell}">${all
    .map((c, i) => `<text x="${i * cell + 6}" y="30" font-family="${CHART_FONT_FAMILY}" font-size="26">${c}</text>`).join("")}</svg>`;
  const img = await rasterize(svg, { scale: 1 });
  const px = img.pixels;
  const cellPixels = (i: number) => {
    const rows: number[] = [];
    for (let y = 0; y < cell; y++) for (let x = i * cell; x < (i + 1) * cell; x++) rows.push(px[(y * img.width + x) * 4]!);
    return rows.join(",");
  };
  const tofu = cellPixels(0);
  const inked = (s: string) => s.split(",").some((v) => Number(v) < 128);
  expect(inked(tofu)).toBe(true); // the font draws its .notdef box, so the comparison means something
  const tofuLike = chars.filter((_, i) => cellPixels(i + 1) === tofu);
  expect(tofuLike).toEqual([]);
  expect(chars.filter((_, i) => !inked(cellPixels(i + 1)))).toEqual([]);
});
