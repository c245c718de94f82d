// One error class with a code, a log message and a separate user message (the Chinese sentence the
// bot or the CLI says). Domain code throws AppError; the edges turn it into a reply or a status.
export type ErrorCode =
  | "bad_argument"
  | "not_found"
  | "forbidden"
  | "invalid_value"
  | "invalid_file"
  | "conflict"
  | "unauthenticated";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** What the user is told (Chinese for chat; may be English for the admin CLI). */
    readonly userMessage: string,
    /** Extra detail for logs. */
    readonly detail?: unknown,
  ) {
    super(userMessage);
    this.name = "AppError";
  }
}
