// The CJK font the server draws chart text with: Noto Sans SC (OFL-1.1) as TTF from the npm package
// @expo-google-fonts/noto-sans-sc, so Chinese renders after `npm ci` alone — no OS font needed.
// resvg reads TTF/OTF only (not WOFF2), which is why this package and not a web-font one.
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** The family name inside the TTF (what the SVG's font-family must say). */
export const CHART_FONT_FAMILY = "Noto Sans SC";

/** Absolute path of the regular-weight TTF (≈10 MB). */
export function chartFontFile(): string {
  const pkg = path.dirname(require.resolve("@expo-google-fonts/noto-sans-sc/package.json"));
  return path.join(pkg, "400Regular", "NotoSansSC_400Regular.ttf");
}
