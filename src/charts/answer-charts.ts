// The charts the progress answers carry (issue 14 item 2): "新媒体平台建设进度" → the indicator's
// months against its pace line; "我们科的进度" → the section's lights. Figures from the monitoring
// view through the last ended month (the same view the 双监控 answers use). A chart is extra: no
// data yet, a 定性 indicator or any failure gives none and the text answer stands alone. The
// conversation asks through ports.charts (conversation/ports.ts ChartsPort; src/turn-ports.ts).
import type { CardChart, ChartTurn, ChartsPort } from "../conversation/ports.js";
import { toShanghai } from "../domain/shanghai-time.js";
import { monitoringView, type MonitoringView } from "../monitoring/monitoring-view.js";
import { loadMonitoringSettings } from "../monitoring/settings.js";
import { indicatorPaceChart, sectionLightsChart } from "./definitions.js";
import type { ChartDefinition } from "./render.js";

async function withView(turn: ChartTurn, build: (view: MonitoringView, settings: ReturnType<typeof loadMonitoringSettings>) => ChartDefinition | null): Promise<CardChart | undefined> {
  try {
    const through = toShanghai(turn.now).month - 1;
    if (through < 1) return undefined;
    const settings = loadMonitoringSettings();
    const view = await monitoringView(turn.db, settings, turn.now, through);
    const def = view ? build(view, settings) : null;
    return def ? { alt: def.title, spec: def } : undefined;
  } catch (err) {
    turn.log.warn({ err }, "no chart for this answer");
    return undefined;
  }
}

/** The indicator's pace chart, when it has counted figures. */
function indicatorAnswerChart(turn: ChartTurn, indicatorId: number): Promise<CardChart | undefined> {
  return withView(turn, (view, settings) => {
    const row = view.rows.find((r) => r.indicator.id === indicatorId);
    return row && row.light.light !== "grey" ? indicatorPaceChart(view, row, settings.timeProgress) : null;
  });
}

/** The section's lights chart. */
function sectionAnswerChart(turn: ChartTurn, sectionId: number): Promise<CardChart | undefined> {
  return withView(turn, (view) => sectionLightsChart(view, sectionId));
}

/** The charts port the turn carries (ports.charts). */
export const answerCharts: ChartsPort = { indicator: indicatorAnswerChart, section: sectionAnswerChart };
