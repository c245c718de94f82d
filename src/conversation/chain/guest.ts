// Step 6: a person the bot does not know (no bound user) is a guest: published targets and help,
// each with a line on how to get access (../guest.ts). Nothing is written for a guest.
import { guestReplies } from "../guest.js";
import { required, type Step } from "./step.js";

export const guest: Step = async (ctx, next) => {
  if (ctx.user) return next();
  const parsed = required(ctx.parsed, "parsed");
  ctx.log.debug({ intent: parsed.intent, platform: ctx.message.platform }, "guest turn");
  return guestReplies(parsed, required(ctx.catalog, "catalog"), ctx.message.platform, ctx.message.externalUserId);
};
