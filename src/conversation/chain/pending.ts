// Step 8: the pending dialog — a report waiting for 确认 or a numbered choice (../dialog/), read
// inside the turn's transaction.
import { required, type Step } from "./step.js";

export const pending: Step = async (ctx, next) => {
  ctx.pending = await ctx.ports.pending.load(ctx.db, required(ctx.user, "user").id, ctx.now);
  return next();
};
