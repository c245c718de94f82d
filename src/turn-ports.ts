// The ports every bot is given (conversation/ports.ts), from the modules that implement them: the
// user directory (users/), reminder preferences (reminders/), monitoring answers (monitoring/),
// budget figures (budget/), answer charts (charts/), dashboard links (dashboard/).
// Used by the composition root, the CLI and tests; the conversation core imports none of these.
import type { Database } from "./db/client.js";
import type { Logger } from "./logger.js";
import type { BotPorts, DashboardPort } from "./conversation/ports.js";
import type { ContactSource } from "./platforms/contact-source.js";
import { createDirectory } from "./users/directory.js";
import { reminderPreferences } from "./reminders/preferences.js";
import { monitoringChat } from "./monitoring/chat-port.js";
import { budgetChat } from "./budget/chat-port.js";
import { answerCharts } from "./charts/answer-charts.js";
import { dashboardNotRunning } from "./dashboard/not-running.js";

/**
 * `dashboard`: the running server's links (dashboard/wiring.ts `chat`); without it "看板" and
 * "要监控表文件" are told the dashboard needs the server (the CLI chat, tests without HTTP).
 */
export function createTurnPorts(o: { db: Database; log: Logger; contactSources?: ContactSource[]; now?: () => Date; dashboard?: DashboardPort }): BotPorts {
  return {
    directory: createDirectory({ db: o.db, log: o.log, sources: o.contactSources, now: o.now }),
    reminderPreferences: reminderPreferences(),
    monitoring: monitoringChat,
    budget: budgetChat,
    charts: answerCharts,
    dashboard: o.dashboard ?? dashboardNotRunning,
  };
}
