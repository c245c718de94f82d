// Step 9: 双监控 / 预算执行 / 自评 questions (ports.monitoring: src/monitoring). Answered also while a
// confirmation waits: the question is not an answer to it (monitoring cues are words like 监控灯 /
// 自评 / 预算执行, never 确认 / 取消 / a number), and the waiting card stays valid — asking where the
// section stands before pressing 确认 is natural, "没有理解" was not.
import { required, type Step } from "./step.js";

export const monitoring: Step = async (ctx, next) => {
  const user = required(ctx.user, "user");
  return (await ctx.ports.monitoring.answer({ db: ctx.db, now: ctx.now, user }, ctx.message.text)) ?? next();
};
