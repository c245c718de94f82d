// Request bodies of the local web chat API, validated at the edge (documenso's sidecar-schema idea).
import { z } from "zod";
import type { LineWording } from "../../zod-issues.js";

/** The page sends numbers; curl users often send "3" — both mean user 3. */
const NOT_A_USER_ID = "必须是用户编号（正整数，见 GET /api/local/users）";
const userId = z.union([z.number().int(NOT_A_USER_ID).positive(NOT_A_USER_ID), z.string().regex(/^[1-9]\d{0,8}$/).transform(Number)], {
  error: NOT_A_USER_ID,
});

export const messageBodySchema = z.object({
  userId,
  // No length limit here: an over-long text gets the bot's polite answer (conversation/sanitize.ts), like every channel.
  text: z.string({ error: "必须是文字" }).trim().min(1, "不能为空"),
});

export const actionBodySchema = z.object({
  userId,
  value: z.object(
    { action: z.string({ error: "必须是文字" }).min(1, "不能为空").max(100, "过长"), token: z.string({ error: "必须是文字" }).min(1, "不能为空").max(200, "过长") },
    { error: "必须是按钮携带的 {action, token} 对象" },
  ),
});

/**
 * How a refused body is said in the 400 answer (zod-issues.ts describeIssues): "text：不能为空；userId：…"
 * — field names as the API spells them, an issue of the whole body "请求体".
 */
export const BODY_ISSUES: LineWording = { root: "请求体", separator: "：", joiner: "；" };
