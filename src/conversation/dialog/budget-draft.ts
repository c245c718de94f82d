// A budget figure waiting for 确认 (the pending dialog's "confirm_budget" payload): what the card
// shows and what 确认 appends as one BudgetEntry row (src/budget/store.ts).
import { z } from "zod";

export const budgetDraftSchema = z.object({
  goalTableId: z.number().int(),
  project: z.string(),
  kind: z.enum(["initial", "adjusted", "spent"]),
  /** spent: data through this month (1–12); null for budgets. */
  month: z.number().int().min(1).max(12).nullable(),
  year: z.number().int(),
  /** 万元 in cents (0.01 万元). */
  cents: z.number().int().nonnegative(),
  /** The figure it replaces (same project, kind and month), cents; null for a first one. */
  previous: z.number().int().nullable(),
  /** Things to look at before confirming ("比9月累计少"), shown on the card. */
  warnings: z.array(z.string()),
  rawText: z.string(),
});
export type BudgetDraft = z.infer<typeof budgetDraftSchema>;
