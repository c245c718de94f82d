// Step 7: the rest of the turn — pending state, report rows — and the caller's commit (its outbox
// rows and the inbound event marked done) in ONE transaction (src/db/transaction.ts). An AppError
// becomes its reply and the turn's other changes still commit; any other error rolls everything
// back (the apology step answers it, the runner commits the apology on its own).
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../errors.js";
import { text } from "../turn.js";
import { userMessageOf } from "./apologise.js";
import type { Step } from "./step.js";

export const transaction: Step = async (ctx, next) => {
  const outside = ctx.db;
  try {
    return await inTransaction(outside, async (tx) => {
      ctx.db = tx;
      let replies;
      try {
        replies = await next();
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        replies = [text(userMessageOf(err, ctx.log, { messageId: ctx.message.messageId }))];
      }
      await ctx.commit?.(tx, replies);
      ctx.committed = true;
      return replies;
    });
  } catch (err) {
    ctx.committed = false;
    throw err;
  } finally {
    ctx.db = outside;
  }
};
