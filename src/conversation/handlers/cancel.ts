// "取消": drops the pending report or choice; nothing is stored.
import { text, type IntentHandler } from "../turn.js";
import { cancelPending } from "../dialog/commit-pending.js";

export const cancel: IntentHandler = async (turn) => {
  if (!turn.pending) return [text("当前没有待确认的内容。")];
  const p = turn.pending;
  await cancelPending(turn, p);
  if (p.kind === "confirm_batch") return [text(`已取消，均未保存（共${p.lines.length}项）。`)];
  if (p.kind === "confirm_budget") return [text("已取消，本次预算数据未保存。")];
  if (p.kind !== "confirm_report") return [text("已取消。")];
  return [text(p.draft.action === "withdraw" ? "已取消撤回，原报送保留不变。" : "已取消，本次报送未保存。")];
};
