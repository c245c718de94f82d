// Request bodies of the local web chat API, validated at the edge (documenso's sidecar-schema idea).
import { z } from "zod";

/** The page sends numbers; curl users often send "3" — both mean user 3. */
const userId = z.union([z.number().int().positive(), z.string().regex(/^\d+$/, "must be a user id").transform(Number)]);

export const messageBodySchema = z.object({
  userId,
  text: z.string().trim().min(1, "must not be empty").max(2000, "at most 2000 characters"),
});

export const actionBodySchema = z.object({
  userId,
  value: z.object({ action: z.string().min(1).max(100), token: z.string().min(1).max(200) }),
});

/** "text: must not be empty; userId: …" — the 400 answer's message. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
}
