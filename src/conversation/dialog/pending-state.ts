// The one pending dialog a user may have (ConversationState row): a report waiting for 确认, or a
// numbered choice between indicators. Payloads are zod-validated on the way out of the database, so
// a row written by an older version is dropped instead of crashing a turn. Each pending state has a
// random token: a card button carries it, so a stale card cannot confirm a newer, different report.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Database } from "../../db/client.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { DialogRow } from "../../users/bot-user.js";
import { recordSettled } from "./settled.js";
import { formatReported } from "../replies/format.js";
import { budgetDraftSchema } from "./budget-draft.js";
import { reasonDialogSchema } from "./reason-dialog.js";

/** How long a pending confirmation or choice stays answerable. */
export const PENDING_TTL_MS = 30 * 60_000;

const draftSchema = z.object({
  indicatorId: z.number().int(),
  periodStart: z.string(),
  periodEnd: z.string(),
  periodLabel: z.string(),
  value: z.number().nullable(),
  unit: z.string().nullable(),
  status: z.enum(["done", "in_progress"]).nullable(),
  withdrawn: z.boolean(),
  /** The current row this one replaces (replace / correct / withdraw), null for a first report. */
  supersedesId: z.number().int().nullable(),
  /** What the previous row said, for the confirmation text. */
  previous: z.string().nullable(),
  action: z.enum(["new", "replace", "correct", "withdraw"]),
  rawText: z.string(),
  /** A withdrawal that brings back the version underneath (src/domain/report-versions.ts). */
  restoresId: z.number().int().nullable().optional(),
  /** A withdrawal: what will stand afterwards, as the card says it ("98.5%（王芳 11月3日报送）"); null = nothing. */
  remains: z.string().nullable().optional(),
});
export type ReportDraft = z.infer<typeof draftSchema>;

const periodSchema = z.object({ start: z.string(), end: z.string(), label: z.string(), kind: z.enum(["month", "quarter", "half", "year", "range"]) });

/** A further item of a report message, told back to the user after the choice is made. */
const extraItemSchema = z.object({
  text: z.string(),
  value: z.number(),
  unit: z.string().nullable(),
  period: periodSchema.nullable(),
  indicator: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  standalone: z.string(),
});

const originalSchema = z.object({
  intent: z.string(),
  text: z.string(),
  value: z.number().nullable(),
  unit: z.string().nullable(),
  status: z.enum(["done", "in_progress"]).nullable(),
  ownSection: z.boolean(),
  period: periodSchema.nullable(),
  more: z.array(extraItemSchema).optional(),
});
export type OriginalMessage = z.infer<typeof originalSchema>;

/** One numbered line of a several-item report: a draft to store, or the reason it cannot be stored. */
const batchLineSchema = z.object({ no: z.number().int(), label: z.string(), draft: draftSchema.nullable(), refused: z.string().nullable() });
export type BatchLine = z.infer<typeof batchLineSchema>;

const pendingSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("confirm_report"), token: z.string(), draft: draftSchema }),
  z.object({ kind: z.literal("confirm_batch"), token: z.string(), lines: z.array(batchLineSchema).min(1) }),
  // A budget figure from the finance section (src/budget/chat-budget.ts).
  z.object({ kind: z.literal("confirm_budget"), token: z.string(), draft: budgetDraftSchema }),
  // 偏差原因 questions after a confirmed report in a monitoring round (src/monitoring/deviation-reasons.ts).
  z.object({ kind: z.literal("deviation_reason"), token: z.string(), dialog: reasonDialogSchema }),
  z.object({
    kind: z.literal("choose_indicator"),
    token: z.string(),
    candidates: z.array(z.object({ id: z.number().int(), name: z.string() })).min(1),
    original: originalSchema,
  }),
]);
export type Pending = z.infer<typeof pendingSchema>;
export type PendingInput = Pending extends infer P ? (P extends unknown ? Omit<P, "token"> : never) : never;

export function newToken(): string {
  return randomBytes(9).toString("base64url");
}

/**
 * The user's pending dialog, or null (none, expired, or unreadable — the latter two are removed).
 * `snapshot`: the row as read with the identity (users/bot-user.ts, before the transaction); given,
 * it is validated instead of read again. A snapshot may be stale by the time the turn writes — a card
 * pressed in between — so every write that settles or replaces it names its token (claimPending,
 * savePending's `replacing`).
 */
export async function loadPending(db: Database, userId: number, now: Date, snapshot?: DialogRow | null): Promise<Pending | null> {
  const row = snapshot !== undefined ? snapshot : await db.prisma.conversationState.findUnique({ where: { userId } });
  if (!row) return null;
  const parsed = pendingSchema.safeParse({ ...(row.payload as object), kind: row.kind });
  if (row.expiresAt <= now || !parsed.success) {
    // Removed only if it is still that row; otherwise something newer took its place: read it.
    const { count } = await db.prisma.conversationState.deleteMany({ where: { userId, expiresAt: row.expiresAt } });
    if (count === 0) return snapshot !== undefined ? loadPending(db, userId, now) : null;
    if (parsed.success && parsed.data.kind === "confirm_report") {
      const d = parsed.data.draft;
      await recordSettled(db, parsed.data.token, "expired", row.expiresAt, { title: "该确认已过期，未保存", tone: "info", lines: [`${d.periodLabel}：${formatReported(d)}`] });
    }
    return null;
  }
  return parsed.data;
}

/**
 * Stores `pending` as the user's one pending dialog (replacing any other) and returns it with its
 * token. One statement. `replacing`: the token of the dialog the turn saw open; the result says
 * whether that very dialog was the one replaced (false: it was settled meanwhile — a card pressed
 * — and must not be recorded as "replaced").
 */
export async function replacePending(db: Database, userId: number, pending: PendingInput, now: Date, replacing: string | undefined): Promise<{ pending: Pending; replaced: boolean }> {
  const full = { ...pending, token: newToken() } as Pending;
  const { kind, ...payload } = full;
  const data = { kind, payload: payload as unknown as Prisma.InputJsonValue, expiresAt: new Date(now.getTime() + PENDING_TTL_MS) };
  if (replacing !== undefined) {
    const { count } = await db.prisma.conversationState.updateMany({ where: { userId, payload: { path: ["token"], equals: replacing } }, data });
    if (count === 1) return { pending: full, replaced: true };
  }
  await db.prisma.conversationState.upsert({ where: { userId }, create: { userId, ...data }, update: data });
  return { pending: full, replaced: false };
}

/** Stores `pending` as the user's one pending dialog (replacing any other) and returns it with its token. */
export async function savePending(db: Database, userId: number, pending: PendingInput, now: Date): Promise<Pending> {
  return (await replacePending(db, userId, pending, now, undefined)).pending;
}

/**
 * Settles the dialog of `token`: deletes it only if it is still the user's open one (compare and
 * set). False: it was settled or replaced meanwhile (a card button, a newer report) — store nothing.
 * Of two racing settlements (a typed 确认 and a card press) one gets true, the other waits for it
 * and gets false.
 */
export async function claimPending(db: Database, userId: number, token: string): Promise<boolean> {
  const { count } = await db.prisma.conversationState.deleteMany({ where: { userId, payload: { path: ["token"], equals: token } } });
  return count === 1;
}

export async function clearPending(db: Database, userId: number): Promise<void> {
  await db.prisma.conversationState.deleteMany({ where: { userId } });
}
