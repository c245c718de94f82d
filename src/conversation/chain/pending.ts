// Step 8: the pending dialog — a report waiting for 确认 or a numbered choice (../dialog/), read
// inside the turn's transaction.
import { required, type Step } from "./step.js";

export const pending: Step = async (ctx, next) => {
  const user = required(ctx.user, "user");
  const loaded = await ctx.ports.pending.load(ctx.db, user.id, ctx.now);
  // An open 偏差原因 question takes its answers (ports.monitoring); anything else goes on as usual,
  // with no dialog waiting.
  if (loaded?.kind === "deviation_reason") {
    const answered = await ctx.ports.monitoring.answerReason({ db: ctx.db, now: ctx.now, user }, loaded, ctx.message.text);
    if (answered) return answered;
    ctx.pending = null;
    return next();
  }
  ctx.pending = loaded;
  return next();
};
