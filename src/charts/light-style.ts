// How a light is shown to people: a colour AND a word, so colour is never the only signal
// (issue 14: 正常/预警/滞后/超前/无数据). The light itself comes from domain/monitoring — this file
// only names and paints it; the chart PNGs and the dashboard share it.
import type { Light } from "../domain/monitoring/lights.js";

/** The word beside every light. */
export const LIGHT_WORD: Record<Light, string> = { green: "正常", yellow: "预警", red: "滞后", blue: "超前", grey: "无数据" };

/** Colours readable on white at chart and phone sizes (hex, no alpha). */
export const LIGHT_COLOR: Record<Light, string> = { green: "#2e9d4f", yellow: "#d99a00", red: "#d9363e", blue: "#2f6fc6", grey: "#9aa0a6" };

/** The order lights are listed in: worst first, "no data" last. */
export const LIGHT_ORDER: readonly Light[] = ["red", "yellow", "green", "blue", "grey"];
