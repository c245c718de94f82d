// A CLI command run in-process through the CLI's own runner (src/cli/run.ts): the same output and
// exit code as `npm run cli -- …`, without spawning a process, on the test's own services.
import { PassThrough, Readable } from "node:stream";
import { findCommand, runOn } from "../../src/cli/run.js";
import type { Services } from "../../src/services.js";

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** `args[0]` is the command's name ("import", "reminders"…). */
export async function runCliInProcess(services: Services, args: string[]): Promise<CliOutcome> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = "";
  let stderr = "";
  out.on("data", (d) => (stdout += d));
  err.on("data", (d) => (stderr += d));
  const command = findCommand(args[0]!);
  if (!command) throw new Error(`no CLI command ${args[0]}`);
  const code = await runOn(command, args.slice(1), services, { stdout: out, stderr: err, stdin: Readable.from([]) });
  return { code, stdout, stderr };
}
