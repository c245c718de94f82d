// Step 4: who is talking — the one identity lookup (ports.directory: users/directory.ts, which also
// binds an unknown messenger account its contact directory vouches for). Runs before the
// transaction: a contact lookup is an HTTP call and must not hold a connection. The same statement
// brings the user's pending dialog row (BotUser.dialog), which the pending step checks inside the
// transaction — one round trip for both (issue 15). Someone unknown on the local chat is told how
// to get started; a messenger guest goes on (the guest step answers).
import { onboardingText } from "../replies/help.js";
import { text } from "../turn.js";
import type { Step } from "./step.js";

export const identity: Step = async (ctx, next) => {
  const { platform, externalUserId } = ctx.message;
  ctx.user = await ctx.ports.directory.resolve(platform, externalUserId);
  if (!ctx.user && platform === "local") return [text(onboardingText(platform, externalUserId))];
  return next();
};
