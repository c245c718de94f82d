// The 偏差原因 dialog waiting for answers (the pending dialog's "deviation_reason" payload): the
// indicators asked about in this round, one at a time, and what has been answered of the first.
// Only the finished answer is written (DeviationReason, once); this state is the scratch pad.
import { z } from "zod";
import { CAUSES, LIKELIHOODS } from "../../domain/monitoring/deviation.js";

export const reasonQuestionSchema = z.object({
  indicatorId: z.number().int(),
  name: z.string(),
  /** "2021-07" */
  roundKey: z.string(),
  /** "1–7月" */
  roundLabel: z.string(),
  light: z.enum(["yellow", "red"]),
  unit: z.string().nullable(),
});
export type ReasonQuestion = z.infer<typeof reasonQuestionSchema>;

export const reasonDialogSchema = z.object({
  /** The first is being answered; the others follow, once each. */
  queue: z.array(reasonQuestionSchema).min(1),
  step: z.enum(["cause", "likelihood", "expected"]),
  cause: z.enum(CAUSES).nullable(),
  text: z.string().nullable(),
  likelihood: z.enum(LIKELIHOODS).nullable(),
});
export type ReasonDialog = z.infer<typeof reasonDialogSchema>;
