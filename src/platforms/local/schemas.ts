// Request bodies of the local web chat API, validated at the edge (documenso's sidecar-schema idea).
import { z } from "zod";

/** The page sends numbers; curl users often send "3" — both mean user 3. */
const NOT_A_USER_ID = "must be a user id (a positive integer, see GET /api/local/users)";
const userId = z.union([z.number().int(NOT_A_USER_ID).positive(NOT_A_USER_ID), z.string().regex(/^[1-9]\d{0,8}$/).transform(Number)], {
  error: NOT_A_USER_ID,
});

export const messageBodySchema = z.object({
  userId,
  // No length limit here: an over-long text gets the bot's polite answer (conversation/sanitize.ts), like every channel.
  text: z.string({ error: "must be a string" }).trim().min(1, "must not be empty"),
});

export const actionBodySchema = z.object({
  userId,
  value: z.object(
    { action: z.string({ error: "must be a string" }).min(1).max(100), token: z.string({ error: "must be a string" }).min(1).max(200) },
    { error: "must be the button's value object {action, token}" },
  ),
});

/** "text: must not be empty; userId: …" — the 400 answer's message. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
}
