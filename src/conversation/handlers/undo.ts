// "撤回": with a report waiting for 确认, drops it; otherwise withdraws a standing report — after
// confirmation, like every write. The version it had replaced stands again ("全部撤回" empties the
// period instead); the card says exactly what will stand afterwards (src/domain/report-versions.ts).
import { text, type IntentHandler } from "../turn.js";
import { askToConfirm, describeStored } from "../dialog/prepare-report.js";
import { cancelPending } from "../dialog/commit-pending.js";
import type { StoredReport } from "../report-store.js";
import { formatReported, monthDay, periodLabel } from "../replies/format.js";
import { afterWithdrawal } from "../../domain/report-versions.js";
import { shanghaiDate } from "../../domain/shanghai-time.js";
import { reportToChange } from "./report-to-change.js";

/** "全部撤回", "都撤回", "撤回所有", "清空": the period empty, not the previous version back. */
const ALL = /全部|所有|都撤|全撤|清空/;

export const undo: IntentHandler = async (turn) => {
  if (turn.pending?.kind === "confirm_report") {
    await cancelPending(turn, turn.pending);
    return [text("已撤回待确认的报送，未保存。")];
  }
  const last = await reportToChange(turn);
  if (!last) return [text("没有找到您可撤回的报送记录。")];
  const ind = turn.catalog.byId.get(last.indicatorId);
  if (!ind) return [text("该指标已不在当前目标表中，无法撤回。")];
  const history = await turn.ports.reports.periodHistory(turn.db, last.indicatorId, last.periodStart, last.periodEnd);
  const under = afterWithdrawal(history, ALL.test(turn.parsed.text));
  return askToConfirm(turn, ind, {
    indicatorId: last.indicatorId,
    periodStart: last.periodStart,
    periodEnd: last.periodEnd,
    periodLabel: periodLabel(last.periodStart, last.periodEnd),
    value: under?.value ?? null,
    unit: under?.unit ?? null,
    status: under?.status === "done" || under?.status === "in_progress" ? under.status : null,
    withdrawn: under === null,
    supersedesId: last.id,
    restoresId: under?.id ?? null,
    remains: under ? describeVersion(under) : null,
    previous: describeStored(last),
    action: "withdraw",
    rawText: turn.parsed.text,
  });
};

/** "98.5%（王芳 11月3日报送）" */
export function describeVersion(r: StoredReport): string {
  return `${formatReported(r)}（${r.reportedByName} ${monthDay(shanghaiDate(r.createdAt))}报送）`;
}
