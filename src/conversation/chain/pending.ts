// Step 8: the pending dialog — a report waiting for 确认 or a numbered choice (../dialog/). The row
// was read with the identity (one round trip, users/bot-user.ts) and is checked here, inside the
// turn's transaction (expiry); the writes that settle or replace it compare its token, so a card
// pressed since is never overwritten (dialog/pending-state.ts). An open 偏差原因 question is read
// again inside the transaction: monitoring/deviation-reasons.ts advances it without a token check.
import { required, type Step } from "./step.js";

export const pending: Step = async (ctx, next) => {
  const user = required(ctx.user, "user");
  let loaded = await ctx.ports.pending.load(ctx.db, user.id, ctx.now, user.dialog);
  if (loaded?.kind === "deviation_reason" && user.dialog !== undefined) loaded = await ctx.ports.pending.load(ctx.db, user.id, ctx.now);
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
