// The four charts of issue 14, as ECharts options built from the monitoring view (src/monitoring):
// an indicator's monthly values against the pace line to its target; a section's indicators as
// lights; budget execution by project against time progress (± percentage points); the bureau's
// lights by duty. One set of definitions: the chat images and the dashboard PNGs both use these.
// Every light is drawn in its colour AND labelled with its word (light-style.ts). Definitions are
// plain JSON (no formatter functions), so a chat reply can carry one through the outbox and the
// sender draws it at send time.
import type { EChartsOption } from "echarts";
import type { Light } from "../domain/monitoring/lights.js";
import type { TimeProgressSetting } from "../domain/monitoring/lights.js";
import type { IndicatorRow, MonitoringView } from "../monitoring/monitoring-view.js";
import { LIGHT_COLOR, LIGHT_ORDER, LIGHT_WORD } from "./light-style.js";
import { monthlySeries } from "./monthly-values.js";
import { actualText } from "../monitoring/export-monitoring.js";
import type { ChartDefinition } from "./render.js";

const WIDTH = 720;
const TITLE = { left: 16, top: 12, textStyle: { fontSize: 18, fontWeight: "normal" as const, color: "#1f2329" } };
const SUB = { fontSize: 12, color: "#646a73" };

/** Cuts a long name for an axis label ("…" at the end). */
export function shortName(s: string, max = 14): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** An indicator's year-to-date values by month against the pace line; null for 定性 indicators. */
export function indicatorPaceChart(view: MonitoringView, row: IndicatorRow, setting: TimeProgressSetting): ChartDefinition | null {
  const s = monthlySeries(row, view.throughMonth, setting);
  if (s.aggregation === "status" || s.target === null) return null;
  const unit = s.unit ?? "";
  const light = row.light.light;
  const title = `${shortName(row.indicator.name, 22)}：逐月累计与进度线`;
  return {
    id: `indicator-${row.indicator.id}`,
    title,
    width: WIDTH,
    height: 380,
    option: {
      title: { ...TITLE, text: title, subtext: `年度指标值 ${row.indicator.targetText}　数据截至${view.throughMonth}月　${LIGHT_WORD[light]}${unit ? `　单位：${unit}` : ""}`, subtextStyle: SUB },
      legend: { top: 64, left: 16, data: [s.aggregation === "sum" ? "累计完成" : "完成值", s.aggregation === "sum" ? "进度线（目标×时间进度）" : "目标值"], textStyle: { fontSize: 12 } },
      grid: { left: 64, right: 32, top: 104, bottom: 40 },
      xAxis: { type: "category", data: s.months.map((m) => `${m}月`), axisLabel: { fontSize: 12 } },
      yAxis: { type: "value", axisLabel: { fontSize: 12 } },
      series: [
        {
          name: s.aggregation === "sum" ? "累计完成" : "完成值", type: "bar", barMaxWidth: 28,
          // Only the latest month is labelled (plain data, no formatter: definitions stay JSON).
          data: s.values.map((v, i) => ({ value: v, label: { show: i === view.throughMonth - 1 && v !== null, position: "top" as const, fontSize: 11 } })),
          itemStyle: { color: LIGHT_COLOR[light === "grey" ? "grey" : light] },
        },
        {
          name: s.aggregation === "sum" ? "进度线（目标×时间进度）" : "目标值", type: "line", data: s.pace, symbol: "none",
          lineStyle: { type: "dashed", color: "#1f2329", width: 1.5 }, itemStyle: { color: "#1f2329" },
        },
      ],
    },
  };
}

interface LightBar {
  name: string;
  light: Light;
  /** Bar length in %; null draws none (no data). */
  value: number | null;
  label: string;
}

function lightBars(id: string, title: string, subtitle: string, bars: LightBar[], markAt: number | null): ChartDefinition {
  const extra = (subtitle.split("\n").length - 1) * 18;
  const height = Math.max(220, 110 + extra + bars.length * 30);
  const top = Math.max(120, ...bars.map((b) => b.value ?? 0));
  // The words and numbers sit in their own column on the right (a second category axis), so no
  // label ever crosses a bar or the time-progress line.
  return {
    id,
    title,
    width: WIDTH,
    height,
    option: {
      title: { ...TITLE, text: title, subtext: subtitle, subtextStyle: SUB },
      grid: { left: 200, right: 170, top: 76 + extra, bottom: 32 },
      xAxis: { type: "value", min: 0, max: Math.ceil(top / 20) * 20, interval: 20, axisLabel: { fontSize: 11, formatter: "{value}%" } },
      yAxis: [
        { type: "category", inverse: true, data: bars.map((b) => shortName(b.name)), axisLabel: { fontSize: 12 }, axisTick: { show: false } },
        { type: "category", inverse: true, position: "right", data: bars.map((b) => b.label), axisLine: { show: false }, axisTick: { show: false }, axisLabel: { fontSize: 12, color: "#1f2329" } },
      ],
      series: [{
        type: "bar", barMaxWidth: 18,
        data: bars.map((b) => ({ value: b.value ?? 0, itemStyle: { color: LIGHT_COLOR[b.light] } })),
        ...(markAt !== null ? { markLine: { symbol: "none", silent: true, data: [{ xAxis: markAt }], lineStyle: { color: "#1f2329", type: "dashed" }, label: { show: false } } } : {}),
      }],
    },
  };
}

/** A section's indicators as lights: pace ratio bars (A ÷ (T × t)) coloured and worded by light. */
export function sectionLightsChart(view: MonitoringView, sectionId: number): ChartDefinition | null {
  const section = view.sections.find((s) => s.sectionId === sectionId);
  if (!section) return null;
  const rows = view.rows.filter((r) => r.indicator.sectionId === sectionId);
  const bars = rows.map((r): LightBar => ({
    name: r.indicator.name,
    light: r.light.light,
    // 定性 and other indicators without a ratio get no bar (a length would claim a completion).
    value: r.light.ratio === null ? null : Math.round(r.light.ratio * 1000) / 10,
    label: r.light.ratio === null
      ? `${LIGHT_WORD[r.light.light]}${actualText(r) && r.light.light !== "grey" ? `（${actualText(r)}）` : ""}`
      : `${LIGHT_WORD[r.light.light]} ${Math.round(r.light.ratio * 100)}%`,
  }));
  const title = `${section.name}：指标灯`;
  return lightBars(`section-${sectionId}`, title, `数据截至${view.year}年${view.throughMonth}月　条长 = 实际 ÷（目标 × 时间进度），虚线 = 100%；定性指标无条，按最新状态`, bars, 100);
}

/** Budget execution rate by project against time progress, with ± percentage points. */
export function budgetChart(view: MonitoringView): ChartDefinition {
  const bars = view.budget.map((b): LightBar => ({
    name: b.project.name,
    light: b.pace.light,
    value: b.spent ? Math.round(b.pace.rate * 1000) / 10 : null,
    label: b.spent ? `${LIGHT_WORD[b.pace.light]} ${pct(b.pace.rate)}（${b.pace.pointsVsTime >= 0 ? "+" : ""}${b.pace.pointsVsTime.toFixed(1)}）` : "无数据",
  }));
  const t = view.budgetTotal;
  const title = "预算执行进度（按项目）";
  const sub = `数据截至${view.throughMonth}月　合计执行率 ${pct(t.rate)}，比时间进度 ${t.pointsVsTime >= 0 ? "+" : ""}${t.pointsVsTime.toFixed(2)} 个百分点（${LIGHT_WORD[t.light]}）`;
  return lightBars("budget", title, `${sub}\n条长 = 执行率，虚线 = 时间进度 ${pct(view.t)}，括号内为比时间进度 ± 个百分点`, bars, view.t * 100);
}

/** The bureau's lights by duty: per 职责 the number of indicators in each light, stacked. */
export function bureauDutiesChart(view: MonitoringView): ChartDefinition {
  const duties = view.duties;
  const height = Math.max(260, 130 + duties.length * 34);
  const title = "全局指标灯（按职责）";
  return {
    id: "bureau-duties",
    title,
    width: WIDTH,
    height,
    option: {
      title: { ...TITLE, text: title, subtext: `数据截至${view.year}年${view.throughMonth}月　全局：${LIGHT_WORD[view.bureau.light]}　共 ${view.rows.length} 项指标`, subtextStyle: SUB },
      legend: { top: 62, left: 16, data: LIGHT_ORDER.map((l) => LIGHT_WORD[l]), textStyle: { fontSize: 12 } },
      grid: { left: 200, right: 40, top: 100, bottom: 32 },
      xAxis: { type: "value", name: "指标数", minInterval: 1, nameTextStyle: { fontSize: 11 }, axisLabel: { fontSize: 11 } },
      yAxis: { type: "category", inverse: true, data: duties.map((d) => shortName(d.name)), axisLabel: { fontSize: 12 }, axisTick: { show: false } },
      series: LIGHT_ORDER.map((l) => ({
        name: LIGHT_WORD[l], type: "bar" as const, stack: "lights", barMaxWidth: 20,
        itemStyle: { color: LIGHT_COLOR[l] },
        label: { fontSize: 11, color: "#ffffff" },
        data: duties.map((d) => ({ value: d.counts[l], label: { show: d.counts[l] > 0 } })),
      })),
    },
  };
}
