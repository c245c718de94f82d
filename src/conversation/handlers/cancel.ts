// "取消": drops the pending report or choice; nothing is stored.
import { text, type IntentHandler } from "../turn.js";
import { cancelPending } from "../dialog/commit-pending.js";

export const cancel: IntentHandler = async (turn) => {
  if (!turn.pending) return [text("当前没有待确认的内容。")];
  const wasReport = turn.pending.kind === "confirm_report";
  await cancelPending(turn, turn.pending);
  return [text(wasReport ? "已取消，本次报送未保存。" : "已取消。")];
};
