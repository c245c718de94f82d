// Step 3: can the bot read it? Another kind than text (image, file, sticker, audio without speech
// recognition) gets one polite line; an over-long text (sanitize.ts) its own, before any parsing
// (issue 10 item 7).
import { isTextTooLong, TEXT_TOO_LONG } from "../sanitize.js";
import { unreadableText } from "../replies/help.js";
import { text } from "../turn.js";
import type { Step } from "./step.js";

export const readable: Step = async (ctx, next) => {
  if (ctx.message.unreadable !== undefined) return [text(unreadableText(ctx.message.platform))];
  if (isTextTooLong(ctx.message.text)) return [text(TEXT_TOO_LONG)];
  return next();
};
