// Prepares a new embedded database in a process of its own: initdb, the migrations and the default
// data (the 2021 goal table, the demo org chart) — then exits. Started by src/main.ts when DATA_DIR
// holds no database yet; the server then opens the folder as on any warm start.
// Why a process: the first start's one-off work grows memory that neither WebAssembly nor the C
// allocator gives back (PGlite's initdb in its thread's malloc arena, Prisma's query compiler and
// heap during the data load). In the server itself that left 400–470 MB at rest after a first start
// against 250–320 MB after any later one (issue 15, scripts/bench-start.ts); here it leaves with
// the process.
import { loadConfig, secretValues } from "./config.js";
import { lockDataDir } from "./db/data-dir-lock.js";
import { createLogger } from "./logger.js";
import { openServices } from "./services.js";

// Started with an IPC channel: when the server that started this dies (even by SIGKILL) the channel
// closes, and this process goes too, instead of holding the folder's lock as an orphan.
// (Checked once more here: a channel that closed while this module's imports loaded is missed.)
process.on("disconnect", () => process.exit(1));
if (process.send && !process.connected) process.exit(1);

async function prepare(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL, { secrets: secretValues(config) });
  // The lock names the server's port: a second server on this folder is told a server has it.
  const lock = lockDataDir(config.dataDir, config.PORT);
  try {
    const services = await openServices(config, { log });
    await services.close();
  } finally {
    lock.release();
  }
}

prepare().then(
  () => process.exit(0),
  (err: unknown) => {
    // One line for the server to report as its own start-up failure (src/main.ts prepareDataDir).
    process.stderr.write(`${(err as Error).message ?? String(err)}\n`);
    process.exit(1);
  },
);
