// "改成99%": changes the figure of the report waiting for 确认, or — when none is waiting — of the
// user's last standing report — or, for a head or admin naming an indicator, any standing report of
// their section (src/conversation/handlers/report-to-change.ts) — a new row superseding it.
import { text, type IntentHandler } from "../turn.js";
import { askToConfirm, describeStored, prepareReport, sameContent } from "../dialog/prepare-report.js";
import { periodOnly } from "../dialog/route.js";
import { correctBatchLine } from "../dialog/batch.js";
import { validateReport } from "../../domain/report-validation.js";
import { reportToChange } from "./report-to-change.js";
import { numberProblemText, periodLabel } from "../replies/format.js";
import type { ReportDraft } from "../dialog/pending-state.js";

export const correct: IntentHandler = async (turn) => {
  const { parsed, pending } = turn;
  if (parsed.numberProblem) return [text(numberProblemText(parsed.numberProblem))];
  if (pending?.kind === "confirm_batch") {
    if (!parsed.item) return [text(`请说明改第几项，例如“第2项改成15期”。`)];
    return correctBatchLine(turn, pending, parsed.item);
  }
  const change = { value: parsed.value, unit: parsed.unit, status: parsed.status };
  // "是10月的" before 确认: the same figure, for another period — checked again like a new report.
  if (pending?.kind === "confirm_report" && pending.draft.action !== "withdraw" && periodOnly(parsed)) {
    const ind = turn.catalog.byId.get(pending.draft.indicatorId);
    if (!ind) return [text("该指标已不在当前目标表中，无法报送。")];
    const d = pending.draft;
    return prepareReport(turn, ind, { value: d.value, unit: d.unit, status: d.status, period: parsed.period, rawText: d.rawText });
  }
  if (change.value === null && change.status === null) {
    return [text("请说明要改成的数值，例如“改成99%”或“改成12篇”。")];
  }
  let base: ReportDraft;
  if (pending?.kind === "confirm_report" && pending.draft.action !== "withdraw") {
    base = pending.draft;
  } else {
    const last = await reportToChange(turn);
    if (!last) return [text("没有找到您可更正的报送记录。如需报送，请直接发送，例如“本月调解成功率99.2%”。")];
    base = {
      indicatorId: last.indicatorId,
      periodStart: last.periodStart,
      periodEnd: last.periodEnd,
      periodLabel: periodLabel(last.periodStart, last.periodEnd),
      value: last.value,
      unit: last.unit,
      status: last.status === "done" || last.status === "in_progress" ? last.status : null,
      withdrawn: false,
      supersedesId: last.id,
      previous: describeStored(last),
      action: "correct",
      rawText: parsed.text,
    };
    if (sameContent(last, { ...change, unit: change.unit ?? last.unit, withdrawn: false })) {
      return [text(`已记录过：${base.periodLabel}的报送已是${describeStored(last)}，无需更正。`)];
    }
  }
  const ind = turn.catalog.byId.get(base.indicatorId);
  if (!ind) return [text("该指标已不在当前目标表中，无法更正。")];
  const period = { start: base.periodStart, end: base.periodEnd, label: base.periodLabel };
  const checked = validateReport(ind, { ...change, unit: change.unit ?? base.unit, period }, turn.today);
  if (!checked.ok) return [text(checked.reason)];
  const draft: ReportDraft = { ...base, value: checked.value, unit: checked.unit, status: checked.status, rawText: parsed.text };
  return askToConfirm(turn, ind, draft);
};
