// The conversation's monitoring port (conversation/ports.ts): a pending 偏差原因 answer first, then
// 双监控 / 预算执行 / 自评 questions (chat-answers.ts); after a confirmed report, the question why an
// indicator is behind (deviation-reasons.ts).
import type { MonitoringPort } from "../conversation/ports.js";
import { monitoringReply } from "./chat-answers.js";
import { answerReason, answerReasonButton, askReasonsAfterReport } from "./deviation-reasons.js";

export const monitoringChat: MonitoringPort = {
  answer: monitoringReply,
  answerReason: (turn, pending, text) => answerReason(turn.db, turn.now, turn.user.id, pending, text),
  answerReasonButton,
  askReasonsAfterReport,
};
