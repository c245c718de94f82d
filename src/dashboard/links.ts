// The links the bot gives in chat: the dashboard ("看板", 24 h) and an official table's download
// (30 min). Who sees what is the monitoring answers' rule (monitoring/chat-answers.ts seesAll):
// admins and the finance section everything, staff and heads their own section.
import type { BotUser } from "../users/bot-user.js";
import { DASHBOARD_TTL_S, FILE_TTL_S, type LinkScope, type LinkSigner, type OfficialTable } from "./signed-link.js";

export interface DashboardLinks {
  /** An absolute dashboard URL for `user`, or null when the user has neither section nor "all". */
  dashboard(user: BotUser, seesAll: boolean): string | null;
  /** An absolute download URL of one official table (callers check seesAll first). */
  file(user: BotUser, table: OfficialTable): string;
  /** The link's lifetime in words ("24 小时", "30 分钟"). */
  readonly lifetimes: { dashboard: string; file: string };
}

/** `baseUrl()`: PUBLIC_URL, else http://127.0.0.1:<port> once the server listens. */
export function createDashboardLinks(signer: LinkSigner, baseUrl: () => string): DashboardLinks {
  const url = (p: string, token: string) => `${baseUrl().replace(/\/+$/, "")}${p}?k=${token}`;
  return {
    dashboard(user, seesAll) {
      const scope: LinkScope | null = seesAll ? "all" : user.sectionId;
      if (scope === null) return null;
      return url("/dashboard", signer.sign({ kind: "dash", scope, user: user.id }, DASHBOARD_TTL_S));
    },
    file(user, table) {
      return url(`/dashboard/file/${table}`, signer.sign({ kind: "file", scope: "all", user: user.id, table }, FILE_TTL_S));
    },
    lifetimes: { dashboard: "24 小时", file: "30 分钟" },
  };
}
