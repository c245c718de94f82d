// "2" / "第二个" after a numbered choice: finishes the original message with the chosen indicator
// (its value, unit and period are kept from the first message).
import { text, type IntentHandler } from "../turn.js";
import { claimPending } from "../dialog/pending-state.js";

export const choose: IntentHandler = async (turn) => {
  const { pending, parsed } = turn;
  if (pending?.kind !== "choose_indicator") return [text("当前没有需要选择的内容。")];
  const n = parsed.choice;
  const picked = n !== null ? pending.candidates[n - 1] : undefined;
  if (!picked) return [text(`请回复 1-${pending.candidates.length} 之间的序号，或回复“取消”。`)];
  // Claimed by its token: a card pressed since this turn read the choice (a report form) stays open.
  if (!(await claimPending(turn.db, turn.user.id, pending.token))) return [text("该选择已失效，请重新发送要报送的内容。")];
  const o = pending.original;
  return turn.redo({
    ...parsed,
    text: o.text,
    intent: o.intent as typeof parsed.intent,
    indicator: { id: picked.id, name: picked.name },
    candidates: [],
    value: o.value,
    unit: o.unit,
    status: o.status,
    period: o.period,
    ownSection: o.ownSection,
    choice: null,
    more: o.more,
  });
};
