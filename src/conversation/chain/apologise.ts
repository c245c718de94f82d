// Step 1: the apology on error — THE one text a person sees when a turn fails for a reason that is
// not theirs. An AppError says its own Chinese userMessage; a transient database error or an
// abandoned turn (lease lost, stopping) passes on to the retry and the inbound pipeline; anything
// else is logged with its stack and answered with APOLOGY (committed by the runner on its own).
import { Abandoned, isTransientDbError } from "../../db/transaction.js";
import { AppError } from "../../errors.js";
import type { Logger } from "../../logger.js";
import { text } from "../turn.js";
import type { Step } from "./step.js";

export const APOLOGY = "抱歉，处理您的消息时出现问题，请稍后再试；如多次出现，请联系管理员。";

/** What the person is told about `err` (AppError: its userMessage; anything else: APOLOGY); logs it. */
export function userMessageOf(err: unknown, log: Logger, context: Record<string, unknown>): string {
  if (err instanceof AppError) {
    log.warn({ ...context, code: err.code, detail: err.detail }, err.message);
    return err.userMessage;
  }
  log.error({ ...context, err }, "turn failed");
  return APOLOGY;
}

export const apologise: Step = async (ctx, next) => {
  try {
    return await next();
  } catch (err) {
    if (err instanceof Abandoned || isTransientDbError(err)) throw err;
    return [text(userMessageOf(err, ctx.log, { messageId: ctx.message.messageId }))];
  }
};
