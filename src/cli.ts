// Admin and evaluation commands: `npm run cli -- <command> …`. Bad arguments → exit 2 with a
// one-line reason; anything else unexpected → exit 1 with a one-line reason (details in the log).
import { loadConfig, ConfigError } from "./config.js";
import { AppError } from "./errors.js";
import { silentLogger } from "./logger.js";
import { openServices } from "./services.js";
import { commands } from "./cli/commands/index.js";

function usage(): string {
  return ["usage: npm run cli -- <command>", ...commands.flatMap((c) => c.usage.map((u) => `  ${u}`))].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help") {
    process.stdout.write(usage() + "\n");
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`unknown command "${name}" (npm run cli -- help lists them)\n`);
    return 2;
  }
  const config = loadConfig();
  const ordinary = command.needsDatabase !== false;
  const services = await openServices(config, { log: silentLogger, migrate: ordinary, defaultData: ordinary });
  try {
    await command.run(rest, services, { stdout: process.stdout, stdin: process.stdin });
    return 0;
  } finally {
    await services.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof AppError) {
      process.stderr.write(`error: ${err.userMessage}\n`);
      process.exit(err.code === "bad_argument" ? 2 : 1);
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`error: ${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`error: ${(err as Error).message ?? String(err)}\n`);
    process.exit(1);
  },
);
