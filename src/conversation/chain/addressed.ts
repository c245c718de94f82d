// Step 2: is the message for the bot? A group message without an @ of the bot is not answered.
// The rule itself is isAddressedToBot (src/messages.ts), applied by each channel when it reads the
// platform's mentions into `mentioned`; this step is where the core honours it for every channel
// (the local chat and the CLI call bot.handle directly).
import type { Step } from "./step.js";

export const addressed: Step = async (ctx, next) => {
  if (ctx.message.chatType === "group" && !ctx.message.mentioned) return [];
  return next();
};
