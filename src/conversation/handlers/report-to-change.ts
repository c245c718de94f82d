// Which standing report a correction ("十月份的调解成功率改成98.8%") or a withdrawal is about.
// Heads and admins sign for their section: with an indicator named they may change any standing
// report of it — the named period's, else the latest — whoever reported it (the audit log records
// who changed what, src/conversation/report-store.ts). Staff change their own reports only.
import type { Turn } from "../turn.js";
import { canReport } from "../../domain/permissions.js";
import type { StoredReport } from "../report-store.js";

export async function reportToChange(turn: Turn): Promise<StoredReport | null> {
  const { parsed, user } = turn;
  const ind = parsed.indicator ? turn.catalog.byId.get(parsed.indicator.id) : undefined;
  const period = parsed.period ? { start: parsed.period.start, end: parsed.period.end } : undefined;
  if (ind && canReport(user, ind).allowed) {
    const found = await turn.ports.reports.lastStandingOf(turn.db, ind.id, period);
    if (found && (user.role !== "staff" || found.reportedById === user.id)) return found;
    if (period) return null;
  }
  return turn.ports.reports.lastStandingBy(turn.db, user.id, parsed.indicator?.id);
}
