// "撤回": with a report waiting for 确认, drops it; otherwise withdraws the user's last standing
// report — after confirmation, like every write (a new row withdrawn = true superseding it).
import { text, type IntentHandler } from "../turn.js";
import { askToConfirm, describeStored } from "../dialog/prepare-report.js";
import { cancelPending } from "../dialog/commit-pending.js";
import { lastStandingReportBy } from "../report-store.js";
import { periodLabel } from "../replies/format.js";

export const undo: IntentHandler = async (turn) => {
  if (turn.pending?.kind === "confirm_report") {
    await cancelPending(turn, turn.pending);
    return [text("已撤回待确认的报送，未保存。")];
  }
  const last = await lastStandingReportBy(turn.db, turn.user.id, turn.parsed.indicator?.id);
  if (!last) return [text("没有找到您可撤回的报送记录。")];
  const ind = turn.catalog.byId.get(last.indicatorId);
  if (!ind) return [text("该指标已不在当前目标表中，无法撤回。")];
  return askToConfirm(turn, ind, {
    indicatorId: last.indicatorId,
    periodStart: last.periodStart,
    periodEnd: last.periodEnd,
    periodLabel: periodLabel(last.periodStart, last.periodEnd),
    value: null,
    unit: null,
    status: null,
    withdrawn: true,
    supersedesId: last.id,
    previous: describeStored(last),
    action: "withdraw",
    rawText: turn.parsed.text,
  });
};
