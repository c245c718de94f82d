// Admin and evaluation commands: `npm run cli -- <command> …`. Bad arguments → exit 2 with a
// one-line reason; anything else unexpected → exit 1 with a one-line reason (details in the log).
// On the embedded database, a running server owns DATA_DIR: the command then runs through the
// server's loopback admin endpoint (src/cli/remote.ts) — same output, same exit code; with no
// server, this process takes the folder's lock for the duration of the command.
import { loadConfig } from "./config.js";
import { silentLogger } from "./logger.js";
import { openServices } from "./services.js";
import { findCommand, reportError, runOn, usage } from "./cli/run.js";
import { isEmbedded, liveOwner, lockDataDir, DataDirBusy, type DataDirLock } from "./db/data-dir-lock.js";
import { runRemote } from "./cli/remote.js";

const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help") {
    process.stdout.write(usage() + "\n");
    return name ? 0 : 2;
  }
  const command = findCommand(name);
  if (!command) {
    process.stderr.write(`未知命令“${name}”（npm run cli -- help 列出全部命令）\n`);
    return 2;
  }
  const config = loadConfig();
  let lock: DataDirLock | null = null;
  if (isEmbedded(config)) {
    const owner = liveOwner(config.dataDir);
    if (owner?.adminPort) return runRemote(owner, config.dataDir, argv, io);
    if (owner) throw new DataDirBusy(owner, config.dataDir);
    lock = lockDataDir(config.dataDir, null);
  }
  try {
    const ordinary = command.needsDatabase !== false;
    const services = await openServices(config, { log: silentLogger, migrate: ordinary, defaultData: ordinary });
    try {
      return await runOn(command, rest, services, io);
    } finally {
      await services.close();
    }
  } finally {
    lock?.release();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => process.exit(reportError(err, io)),
);
