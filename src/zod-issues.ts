// How an input zod refuses is said — a data file, a setting, a spreadsheet row, a CLI argument, a
// model's answer: one clause an issue, "where: what", joined with "; ". For people, parse with
// CHINESE_MESSAGES so zod's own messages are Chinese; a schema's own message (config.ts, the
// catalogue's) is kept as written — zod puts a schema's message before the parse-time one.
import { z } from "zod";
import { AppError } from "./errors.js";

/** Parse options under which zod's own messages are Chinese ("无效输入：期望 数字，实际接收 string"). */
export const CHINESE_MESSAGES = { error: z.locales.zhCN().localeError };

export interface IssueWording {
  /** What an issue of the whole input is called ("(file)", "body"); "" by default. */
  root?: string;
  /** The name of a path (a spreadsheet's column header); undefined falls back to the dotted path. */
  where?: (path: readonly PropertyKey[]) => string | undefined;
  /** Only the messages, no "where:" (messages that name their field themselves). */
  bare?: boolean;
  /** What is said about the issue instead of its message (a spreadsheet cell names the value it holds). */
  what?: (issue: z.core.$ZodIssue) => string;
  /** Between where and what: ": " by default, "：" in Chinese sentences. */
  separator?: string;
}

/** One issue as "where: what". */
export function issueLine(issue: z.core.$ZodIssue, wording: IssueWording = {}): string {
  if (wording.bare) return issue.message;
  const where = wording.where?.(issue.path) ?? (issue.path.map(String).join(".") || (wording.root ?? ""));
  return `${where}${wording.separator ?? ": "}${wording.what?.(issue) ?? issue.message}`;
}

/** One "where: what" line per issue, in zod's order. */
export function issueLines(error: z.ZodError, wording: IssueWording = {}): string[] {
  return error.issues.map((i) => issueLine(i, wording));
}

/** How several issues are said on one line. */
export interface LineWording extends IssueWording {
  /** Only the first `limit` issues. */
  limit?: number;
  /** Between two issues: "; " by default, "；" in Chinese sentences. */
  joiner?: string;
}

/** The issues as one line ("indicators.3.target: …; year: …"), the first `limit` of them when given. */
export function describeIssues(error: z.ZodError, wording: LineWording = {}): string {
  const lines = issueLines(error, wording);
  return (wording.limit === undefined ? lines : lines.slice(0, wording.limit)).join(wording.joiner ?? "; ");
}

/**
 * A data or settings file's JSON checked against its schema, with zod's messages in Chinese; a
 * refusal is AppError "invalid_file", "<origin>: <issues>".
 */
export function parseDataFile<S extends z.ZodType>(schema: S, json: unknown, origin: string, wording: LineWording = {}): z.output<S> {
  const parsed = schema.safeParse(json, CHINESE_MESSAGES);
  if (!parsed.success) throw new AppError("invalid_file", `${origin}: ${describeIssues(parsed.error, wording)}`);
  return parsed.data;
}
