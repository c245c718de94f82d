// Step 10: budget figures from the finance section (ports.budget: src/budget, issue 13 item 1) — a
// budget message replaces any confirmation waiting, like a newer report.
import { required, type Step } from "./step.js";

export const budget: Step = async (ctx, next) => {
  const user = required(ctx.user, "user");
  return (await ctx.ports.budget.answer({ db: ctx.db, now: ctx.now, user, pending: ctx.pending ?? null }, ctx.message.text)) ?? next();
};
