// Structured JSON logs (pino). One root logger, children per module: log.child({ mod: "feishu" }).
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string = "info"): Logger {
  return pino({ level, base: { app: "jixiao" }, timestamp: pino.stdTimeFunctions.isoTime });
}

/** For CLI commands and tests: nothing on stdout. */
export const silentLogger: Logger = pino({ level: "silent" });
