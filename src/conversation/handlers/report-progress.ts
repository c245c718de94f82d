// "本月调解成功率99.2%", "十月份普法动态发了12篇", "七五普法验收已完成" → confirmation card.
import type { IntentHandler } from "../turn.js";
import { prepareReport } from "../dialog/prepare-report.js";
import { requireIndicator } from "./resolve-indicator.js";

export const reportProgress: IntentHandler = async (turn) => {
  const r = await requireIndicator(turn);
  if ("replies" in r) return r.replies;
  const { parsed } = turn;
  return prepareReport(turn, r.indicator, {
    value: parsed.value,
    unit: parsed.unit,
    status: parsed.status,
    period: parsed.period,
    rawText: parsed.text,
  });
};
