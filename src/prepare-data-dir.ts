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

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL, { secrets: secretValues(config) });
const lock = lockDataDir(config.dataDir, null);
try {
  const services = await openServices(config, { log });
  await services.close();
} finally {
  lock.release();
}
