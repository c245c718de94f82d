// 双监控 pace lights (财预〔2019〕136号 运行监控). Pure: callers pass settings (data/monitoring-settings.json)
// and the year-to-date progress from domain/progress.ts; nothing here re-reads a target's text.
// Sources (see ../shared/MONITORING.md §3): pmkpi `bgttracewarn` v = 执行率 ÷ (月/12), < 60% red,
// 60–80% yellow, ≥ 80% green; quantitative v = A ÷ (T/12 × 月) with blue ≥ 120%; 反向 A ≤ T green
// else red; 定性 达成/部分/未达成 → green/yellow/red; goal light = worst indicator (`goalwarn`).

/** grey = no data yet (never red by silence); blue = well ahead ("目标可能偏低"). */
export type Light = "green" | "yellow" | "red" | "blue" | "grey";

export interface LightBands {
  /** r below this is red (0.6). */
  red: number;
  /** r below this (and ≥ red) is yellow (0.8). */
  yellow: number;
  /** r at or above this is blue for 正向 counts (1.2). */
  blue: number;
}

export interface TimeProgressSetting {
  /** "months": t = m/12 for data through month m. */
  mode: "months";
  /** Months in the year (12); kept as data so a fiscal variant is a settings change. */
  monthsInYear: number;
}

export const LIGHT_LABEL: Record<Light, string> = { green: "绿", yellow: "黄", red: "红", blue: "蓝", grey: "灰" };
export const LIGHT_ICON: Record<Light, string> = { green: "🟢", yellow: "🟡", red: "🔴", blue: "🔵", grey: "⚪" };

/** t for data through month `throughMonth` (1–12), in [0, 1]. */
export function timeProgress(throughMonth: number, setting: TimeProgressSetting): number {
  if (!Number.isInteger(throughMonth) || throughMonth < 1 || throughMonth > setting.monthsInYear) {
    throw new RangeError(`month ${throughMonth} outside 1–${setting.monthsInYear}`);
  }
  return throughMonth / setting.monthsInYear;
}

/** The band light of a pace ratio r (blue only where `allowBlue`). */
export function bandLight(r: number, bands: LightBands, allowBlue = false): Light {
  if (allowBlue && r >= bands.blue) return "blue";
  if (r >= bands.yellow) return "green";
  if (r >= bands.red) return "yellow";
  return "red";
}

export interface BudgetPace {
  /** 执行率 = executed / budget, a fraction. */
  rate: number;
  /** r = rate / t. */
  ratio: number;
  /** (rate − t) in percentage points, rounded to 0.01: "比时间进度 −12.3 个百分点". */
  pointsVsTime: number;
  light: Light;
}

/**
 * Budget light. `executed` and `budget` in 万元 (numbers from Decimal strings); `t` from timeProgress.
 * budget ≤ 0 or executed null → grey (nothing to judge).
 */
export function budgetPace(executed: number | null, budget: number, t: number, bands: LightBands): BudgetPace {
  if (executed === null || !(budget > 0) || !(t > 0)) return { rate: 0, ratio: 0, pointsVsTime: 0, light: "grey" };
  const rate = executed / budget;
  const ratio = rate / t;
  return { rate, ratio, pointsVsTime: Math.round((rate - t) * 10000) / 100, light: bandLight(ratio, bands) };
}

// Parent lights. Severity, worst first: red, yellow, green, blue. grey (no data) does not hide a
// known light: a goal with one red and three grey indicators is red; all grey stays grey.
const SEVERITY: Record<Exclude<Light, "grey">, number> = { red: 3, yellow: 2, green: 1, blue: 0 };

export type LightCounts = Record<Light, number>;

export interface Rollup {
  light: Light;
  counts: LightCounts;
}

/** Goal / duty / section / bureau light = the worst child light, with the count of each colour. */
export function rollup(children: readonly Light[]): Rollup {
  const counts: LightCounts = { red: 0, yellow: 0, green: 0, blue: 0, grey: 0 };
  let light: Light = "grey";
  for (const c of children) {
    counts[c]++;
    if (c === "grey") continue;
    if (light === "grey" || SEVERITY[c] > SEVERITY[light]) light = c;
  }
  return { light, counts };
}

/** "🔴2 🟡1 🟢5 ⚪3": colours present, worst first. */
export function describeCounts(counts: LightCounts): string {
  const order: Light[] = ["red", "yellow", "green", "blue", "grey"];
  return order.filter((l) => counts[l] > 0).map((l) => `${LIGHT_ICON[l]}${counts[l]}`).join(" ");
}
