// "本月调解成功率99.2%", "十月份普法动态发了12篇", "七五普法验收已完成" → confirmation card.
// A message with several items ("十月份15篇，十一月份10篇") goes on one card (dialog/batch.ts).
import type { IntentHandler } from "../turn.js";
import { text } from "../turn.js";
import type { Reply } from "../types.js";
import { prepareReport } from "../dialog/prepare-report.js";
import { prepareBatch } from "../dialog/batch.js";
import { requireIndicator } from "./resolve-indicator.js";
import { moreItemsText } from "../replies/more-items.js";
import { numberProblemText } from "../replies/format.js";

export const reportProgress: IntentHandler = async (turn) => {
  const { parsed } = turn;
  if (parsed.numberProblem) return [text(numberProblemText(parsed.numberProblem))];
  // Several items ("10月：调解成功率99.2%，百姓调解12期"): one card, one 确认 for all.
  if (parsed.more?.length && parsed.value !== null) return prepareBatch(turn);
  const r = await requireIndicator(turn);
  const replies: Reply[] =
    "replies" in r
      ? r.replies
      : await prepareReport(turn, r.indicator, {
          value: parsed.value,
          unit: parsed.unit,
          status: parsed.status,
          period: parsed.period,
          rawText: parsed.text,
        });
  if (!parsed.more?.length) return replies;
  const confirming = replies.some((x) => x.kind === "card") || "choices" in r;
  return [...replies, text(moreItemsText(parsed.more, confirming))];
};
