// What main.ts plugs in for the dashboard: the signer (key from settings or DATA_DIR), the links
// the chat handlers give, the handlers themselves and the /dashboard router.
import type { Config } from "../config.js";
import type { Services } from "../services.js";
import type { IntentHandlers } from "../conversation/turn.js";
import { dashboardHandler, officialFileHandler } from "./chat-handlers.js";
import { createDashboardLinks, type DashboardLinks } from "./links.js";
import { dashboardRouter } from "./router.js";
import { dashboardSecret } from "./secret.js";
import { createLinkSigner } from "./signed-link.js";

export function dashboardWiring(config: Config, services: Services, port: () => number) {
  const signer = createLinkSigner(dashboardSecret({ secret: config.DASHBOARD_SECRET, dataDir: config.dataDir }));
  const links: DashboardLinks = createDashboardLinks(signer, () => config.PUBLIC_URL ?? `http://127.0.0.1:${port()}`);
  const handlers: Partial<IntentHandlers> = { dashboard: dashboardHandler(links), official_file: officialFileHandler(links) };
  return { signer, links, handlers, router: dashboardRouter({ db: services.db, clock: services.clock, signer, log: services.log }) };
}
