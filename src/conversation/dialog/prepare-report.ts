// From "本月调解成功率99.2%" to a confirmation card: permission, period, value checks, and what is
// already stored for that period (identical → "已记录过"; different → asks to replace it).
import type { Reply } from "../types.js";
import { text, type Turn } from "../turn.js";
import type { IndicatorInfo } from "../indicator-catalog.js";
import type { PeriodSlot } from "../nlu/types.js";
import { canReport } from "../../domain/permissions.js";
import { validateReport, type ReportStatus } from "../../domain/report-validation.js";
import { shanghaiDate } from "../../domain/shanghai-time.js";
import { reportPeriodFor } from "../report-period.js";
import type { StoredReport } from "../report-store.js";
import { replacePending, type ReportDraft } from "./pending-state.js";
import { cancelledCard, confirmCard } from "../replies/confirm-card.js";
import { recordSettled } from "./settled.js";
import { formatReported, monthDay } from "../replies/format.js";

export interface ReportRequest {
  value: number | null;
  unit: string | null;
  status: ReportStatus | null;
  period: Pick<PeriodSlot, "start" | "end" | "label"> | null;
  rawText: string;
}

export async function prepareReport(turn: Turn, ind: IndicatorInfo, req: ReportRequest): Promise<Reply[]> {
  const drafted = await draftReport(turn, ind, req);
  if ("refused" in drafted) return [text(drafted.refused)];
  return askToConfirm(turn, ind, drafted.draft);
}

/**
 * One report item checked and drafted — permission, period (named, else the period being
 * collected), value rules, what already stands — or the Chinese reason it cannot be stored.
 */
export async function draftReport(turn: Pick<Turn, "db" | "user" | "today"> & { ports: Pick<Turn["ports"], "reports"> }, ind: IndicatorInfo, req: ReportRequest): Promise<{ draft: ReportDraft } | { refused: string }> {
  const permission = canReport(turn.user, ind);
  if (!permission.allowed) return { refused: permission.reason };
  // No period named: the period being collected (the one still owed, else the current month).
  const period = req.period ?? (await reportPeriodFor(turn.db, ind, turn.today));
  const checked = validateReport(ind, { value: req.value, unit: req.unit, status: req.status, period }, turn.today);
  if (!checked.ok) return { refused: checked.reason };

  const existing = await turn.ports.reports.currentFor(turn.db, ind.id, period.start, period.end);
  const draft: ReportDraft = {
    indicatorId: ind.id,
    periodStart: period.start,
    periodEnd: period.end,
    periodLabel: period.label,
    value: checked.value,
    unit: checked.unit,
    status: checked.status,
    withdrawn: false,
    supersedesId: existing?.id ?? null,
    previous: existing ? describeStored(existing) : null,
    action: existing && !existing.withdrawn ? "replace" : "new",
    rawText: req.rawText,
  };
  if (existing && sameContent(existing, draft)) {
    return { refused: `已记录过：${ind.name} ${period.label} ${formatReported(existing)}（${existing.reportedByName}于${monthDay(shanghaiDate(existing.createdAt))}报送），无需重复报送。` };
  }
  return { draft };
}

export async function askToConfirm(turn: Turn, ind: IndicatorInfo, draft: ReportDraft): Promise<Reply[]> {
  // The card still waiting for 确认 is replaced by this one: it says so from now on — unless it was
  // settled meanwhile (a card pressed since the turn read it), which its own record already says.
  const old = turn.pending;
  const { pending, replaced } = await replacePending(turn.db, turn.user.id, { kind: "confirm_report", draft }, turn.now, old?.token);
  if (replaced && old?.kind === "confirm_report") {
    const was = turn.catalog.byId.get(old.draft.indicatorId);
    await recordSettled(turn.db, old.token, "replaced", turn.now, { ...cancelledCard(was, old.draft), title: "已被新的报送替换，未保存" });
  }
  return [{ kind: "card", card: confirmCard(ind, draft, pending.token) }];
}

/** Same figure (or status) already standing for the period: nothing to store. */
export function sameContent(a: StoredReport, d: Pick<ReportDraft, "value" | "unit" | "status" | "withdrawn">): boolean {
  return !a.withdrawn && !d.withdrawn && a.value === d.value && (a.unit ?? null) === (d.unit ?? null) && a.status === d.status;
}

export function describeStored(r: StoredReport): string {
  return `${formatReported(r)}（${r.reportedByName}报送）`;
}
