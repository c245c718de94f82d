// Step 9: 双监控 / 预算执行 / 自评 questions and 偏差原因 answers (ports.monitoring: src/monitoring),
// never while a dialog waits for an answer.
import { required, type Step } from "./step.js";

export const monitoring: Step = async (ctx, next) => {
  if (ctx.pending) return next();
  const user = required(ctx.user, "user");
  return (await ctx.ports.monitoring.answer({ db: ctx.db, now: ctx.now, user }, ctx.message.text)) ?? next();
};
