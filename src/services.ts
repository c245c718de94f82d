// The shared core every entry point starts from (server, CLI, tests): settings, clock, logs and a
// migrated database with the default data loaded. Feature modules take what they need from it;
// nothing here knows about messengers, dialogs or reminders.
import { fixedClock, offsetClock, systemClock, type Clock } from "./clock.js";
import { secretValues, type Config } from "./config.js";
import { openDatabase, type Database } from "./db/client.js";
import { migrate } from "./db/migrate.js";
import { createLogger, type Logger } from "./logger.js";
import { ensureDefaultData } from "./catalog/default-data.js";

import type { DashboardPort } from "./conversation/ports.js";

export interface Services {
  config: Config;
  clock: Clock;
  log: Logger;
  db: Database;
  close(): Promise<void>;
  /** The running server's 看板 / official-table answers, for CLI commands run through it (http/admin.ts). */
  dashboard?: DashboardPort;
}

export interface OpenOptions {
  clock?: Clock;
  log?: Logger;
  /** Apply migrations (default true). */
  migrate?: boolean;
  /** Load the default goal table and org chart when none is loaded yet (default true). */
  defaultData?: boolean;
  /** BOT_NOW: a pinned clock for one-shot commands, a clock running from that time for the server. */
  runningClock?: boolean;
  /** The long-running server: give back the memory start-up work left in the embedded engine (Database.settle). */
  settle?: boolean;
}

export function clockFromConfig(config: Config, running: boolean): Clock {
  if (!config.BOT_NOW) return systemClock;
  return running ? offsetClock(config.BOT_NOW) : fixedClock(config.BOT_NOW);
}

export async function openServices(config: Config, opts: OpenOptions = {}): Promise<Services> {
  const log = opts.log ?? createLogger(config.LOG_LEVEL, { secrets: secretValues(config) });
  const clock = opts.clock ?? clockFromConfig(config, opts.runningClock ?? false);
  const db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.dataDir,
    // A dropped connection is replaced on the next query; work on it fails and is retried.
    onConnectionError: (err) => log.warn({ err }, "database connection lost"),
  });
  try {
    let grew = false; // start-up work that leaves the embedded engine's memory large (Database.settle)
    if (opts.migrate ?? true) {
      const applied = await migrate(db);
      if (applied.length) log.info({ applied }, "migrations applied");
      grew = applied.length > 0;
    }
    if (opts.defaultData ?? true) {
      grew = (await ensureDefaultData(db, { catalogFile: config.CATALOG_FILE, orgFile: config.ORG_FILE, demoUsers: config.demoUsersEnabled, log })) || grew;
    }
    if (grew && opts.settle) await db.settle?.();
  } catch (err) {
    await db.close();
    throw err;
  }
  return { config, clock, log, db, close: () => db.close() };
}
