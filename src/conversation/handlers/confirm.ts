// "确认" / "是" / "对": stores the pending report.
import { text, type IntentHandler } from "../turn.js";
import { commitBatch, commitPending } from "../dialog/commit-pending.js";

export const confirm: IntentHandler = async (turn) => {
  const { pending } = turn;
  if (!pending) return [text("当前没有待确认的报送（可能已超过30分钟失效），如需报送请重新发送内容。")];
  if (pending.kind === "deviation_reason") return [text("当前没有待确认的报送。")]; // bot.ts hands the reason dialog its own answers
  if (pending.kind === "choose_indicator") return [text(`请先回复序号（1-${pending.candidates.length}）选择指标，或回复“取消”。`)];
  const { card, replies } = pending.kind === "confirm_batch" ? await commitBatch(turn, pending)
    : pending.kind === "confirm_budget" ? await turn.ports.budget.commit(turn, pending) // src/budget (issue 13 item 1)
    : await commitPending(turn, pending);
  return [{ kind: "card", card }, ...replies];
};
