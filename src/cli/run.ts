// Runs one CLI command on open services and maps its outcome to an exit code and one stderr line:
// bad arguments → 2, anything else → 1. Shared by the CLI process and the server's admin endpoint
// (src/http/admin.ts), so a command run through the server prints and exits exactly the same.
import { AppError } from "../errors.js";
import { ConfigError } from "../config.js";
import type { Services } from "../services.js";
import { commands } from "./commands/index.js";
import type { Command, CommandIO } from "./command.js";

export interface RunIO extends CommandIO {
  stderr: NodeJS.WritableStream;
}

export function usage(): string {
  return ["用法：npm run cli -- <命令>", ...commands.flatMap((c) => c.usage.map((u) => `  ${u}`))].join("\n");
}

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}

export async function runOn(command: Command, args: string[], services: Services, io: RunIO): Promise<number> {
  try {
    await command.run(args, services, io);
    return 0;
  } catch (err) {
    return reportError(err, io);
  }
}

export function reportError(err: unknown, io: Pick<RunIO, "stderr">): number {
  if (err instanceof AppError) {
    io.stderr.write(`错误：${err.userMessage}\n`);
    return err.code === "bad_argument" ? 2 : 1;
  }
  if (err instanceof ConfigError) {
    io.stderr.write(`配置错误：${err.message}\n`);
    return 2;
  }
  io.stderr.write(`错误：${(err as Error).message ?? String(err)}\n`);
  return 1;
}
