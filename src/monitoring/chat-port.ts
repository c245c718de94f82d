// The conversation's monitoring port (conversation/ports.ts): a pending 偏差原因 answer first, then
// 双监控 / 预算执行 / 自评 questions (chat-answers.ts); after a confirmed report, the question why an
// indicator is behind (deviation-reasons.ts).
import type { MonitoringPort } from "../conversation/ports.js";
import { monitoringReply } from "./chat-answers.js";
import { answerReason, askReasonAfterReport } from "./deviation-reasons.js";

export const monitoringChat: MonitoringPort = {
  answer: async (turn, text) => (await answerReason(turn.db, turn.now, turn.user.id, text)) ?? (await monitoringReply(turn, text)),
  askReasonAfterReport,
};
