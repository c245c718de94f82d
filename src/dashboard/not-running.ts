// ports.dashboard where no dashboard is served: the CLI chat (`npm run cli -- ask`) and bots built
// without the HTTP server. "看板" and "要监控表文件" are then told, in Chinese, how to get them —
// the server's links (dashboard/chat-port.ts) need the running server and its signing key.
import type { DashboardPort } from "../conversation/ports.js";
import { text } from "../conversation/turn.js";

export const dashboardNotRunning: DashboardPort = {
  async link() {
    return [text("看板需要在服务运行时使用（npm start），请在聊天窗口里发送“看板”。")];
  },
  async officialTable() {
    return [text("正式表格可用命令导出：npm run cli -- export monitoring --through YYYY-MM FILE.xlsx")];
  },
};
