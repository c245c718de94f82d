// What main.ts plugs in for the dashboard: the signer (key from settings or DATA_DIR), the links
// the chat gives, the bot's ports.dashboard over them (createTurnPorts) and the /dashboard router.
import type { Config } from "../config.js";
import type { Services } from "../services.js";
import { dashboardChat } from "./chat-port.js";
import { createDashboardLinks, type DashboardLinks } from "./links.js";
import { dashboardRouter } from "./router.js";
import { dashboardSecret } from "./secret.js";
import { createLinkSigner } from "./signed-link.js";

export function dashboardWiring(config: Config, services: Services, port: () => number) {
  const signer = createLinkSigner(dashboardSecret({ secret: config.DASHBOARD_SECRET, dataDir: config.dataDir }));
  const links: DashboardLinks = createDashboardLinks(signer, () => config.PUBLIC_URL ?? `http://127.0.0.1:${port()}`);
  return { signer, links, chat: dashboardChat(links), router: dashboardRouter({ db: services.db, clock: services.clock, signer, log: services.log }) };
}
