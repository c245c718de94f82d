// One admin/evaluation command per file in src/cli/commands/, listed in src/cli/commands/index.ts.
import type { Services } from "../services.js";
import { AppError } from "../errors.js";

export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

export interface Command {
  name: string;
  /** One line per form, shown by `npm run cli -- help`. */
  usage: string[];
  /** Commands that must not touch the database (e.g. help) set this to false. */
  needsDatabase?: boolean;
  run(args: string[], services: Services, io: CommandIO): Promise<void>;
}

/** A tiny flag parser: --name value, --flag, positionals. Unknown flags are errors. */
export function parseArgs(
  args: string[],
  spec: { flags?: string[]; options?: string[] },
): { flags: Set<string>; options: Map<string, string>; positionals: string[] } {
  const flags = new Set<string>();
  const options = new Map<string, string>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith("--")) {
      const [key, inline] = a.slice(2).split("=", 2) as [string, string | undefined];
      if (spec.flags?.includes(key)) flags.add(key);
      else if (spec.options?.includes(key)) {
        const v = inline ?? args[++i];
        if (v === undefined) throw new AppError("bad_argument", `--${key} 需要一个值`);
        options.set(key, v);
      } else throw new AppError("bad_argument", `未知选项 --${key}`);
    } else positionals.push(a);
  }
  return { flags, options, positionals };
}

export function writeJson(io: CommandIO, value: unknown): void {
  io.stdout.write(JSON.stringify(value, null, 2) + "\n");
}
