// "看板" / "打开看板" and "要监控表文件" / "导出自评表" (issue 14 item 3, issue 13 item 6): answered by
// ports.dashboard — the server's signed links, or a line saying the dashboard is not running.
import type { IntentHandler } from "../turn.js";
import { officialTableOf } from "../nlu/intents.js";

export const dashboard: IntentHandler = (turn) => turn.ports.dashboard.link(turn);

export const officialFile: IntentHandler = (turn) => turn.ports.dashboard.officialTable(turn, officialTableOf(turn.parsed.text));
