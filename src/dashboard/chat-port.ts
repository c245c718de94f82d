// "看板" → a signed dashboard link (issue 14); "要监控表文件" / "导出自评表" → a short-lived download
// link of the official table (issue 13 item 6; admins and the finance section only). This is the
// running server's ports.dashboard (conversation/ports.ts DashboardPort), built by
// dashboard/wiring.ts and given to the bot through createTurnPorts in main.ts; without a server
// (CLI chat, tests without HTTP) the port is dashboard/not-running.ts.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DashboardLinks } from "./links.js";
import { dashboardMonth } from "./model.js";
import type { OfficialTable } from "./signed-link.js";
import { exportMonitoring } from "../monitoring/export-monitoring.js";
import { exportSelfEvaluation } from "../monitoring/export-self-evaluation.js";
import { seesAll } from "../monitoring/chat-answers.js";
import { loadMonitoringSettings } from "../monitoring/settings.js";
import type { DashboardPort, MonitoringTurn } from "../conversation/ports.js";
import { text } from "../conversation/turn.js";

async function allowedAll(turn: MonitoringTurn): Promise<boolean> {
  const settings = loadMonitoringSettings();
  const finance = await turn.db.prisma.section.findUnique({ where: { code: settings.financeSection }, select: { name: true } });
  return seesAll(turn, finance?.name ?? null);
}

/** ports.dashboard of a server that serves /dashboard: links signed by `links`. */
export function dashboardChat(links: DashboardLinks): DashboardPort {
  return {
    async link(turn) {
      const all = await allowedAll(turn);
      const url = links.dashboard(turn.user, all);
      if (!url) return [text("您还没有所属科室，暂时无法查看看板；请联系管理员设置科室。")];
      return [{
        kind: "card",
        card: {
          title: "绩效看板",
          tone: "info",
          lines: [
            all ? "全局看板：各科室指标灯、预算执行进度、偏差原因和正式表格下载。" : `${turn.user.sectionName ?? "本科室"}看板：本科室指标灯、逐月数据和还需完成的量。`,
            url,
          ],
          footer: `链接 ${links.lifetimes.dashboard}内有效，只读；请勿转发。`,
        },
      }];
    },
    async officialTable(turn, table) {
      if (!(await allowedAll(turn))) return [text("正式表格由计划财务装备科和管理员下载；您可以发送“看板”查看本科室进度。")];
      const name = table === "monitoring" ? "绩效运行监控表" : "部门整体支出绩效自评表";
      const attachment = await tableFile(turn, table, name);
      return [{
        kind: "card",
        card: {
          title: name, tone: "info", lines: [`下载链接（数据截至上月底）：`, links.file(turn.user, table)], footer: `链接 ${links.lifetimes.file}内有效；请勿转发。`,
          ...(attachment ? { attachment } : {}),
        },
      }];
    },
  };
}

/**
 * The table as an attachment (Feishu sends it as a file message after the card; the others show
 * the link). Written the way the CLI and the download link write it; null in January (no month yet).
 */
async function tableFile(turn: MonitoringTurn, table: OfficialTable, title: string): Promise<{ name: string; base64: string } | null> {
  const through = dashboardMonth(turn.now);
  if (through === null) return null;
  const dir = mkdtempSync(path.join(tmpdir(), "jx-chat-table-"));
  try {
    const file = path.join(dir, "table.xlsx");
    const settings = loadMonitoringSettings();
    const year = table === "monitoring"
      ? (await exportMonitoring(turn.db, settings, turn.now, through, file)).year
      : (await exportSelfEvaluation(turn.db, settings, turn.now, through, file)).view.year;
    const name = table === "monitoring" ? `${year}年${title}（1-${through}月）.xlsx` : `${year}年${title}.xlsx`;
    return { name, base64: readFileSync(file).toString("base64") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
