// Structured JSON logs (pino). One root logger, children per module: log.child({ mod: "feishu" }).
// No secret reaches a line (issue 10 item 10; the layers are described in log-redact.ts): redact
// paths, an err serializer and a formatter that scrub every logged object, and the configured
// secret values masked in the finished line.
import { pino, type DestinationStream, type Logger } from "pino";
import { maskSecrets, REDACT_PATHS, scrubText, scrubValue, serializeError, CENSOR } from "./log-redact.js";

export type { Logger };

export interface LoggerOptions {
  /** Secret values to mask wherever they appear (config.ts secretValues); short ones are ignored. */
  secrets?: ReadonlyArray<string | undefined>;
  /** Where lines go (default stdout); tests capture them. */
  destination?: DestinationStream;
}

export function createLogger(level: string = "info", opts: LoggerOptions = {}): Logger {
  const secrets = (opts.secrets ?? []).filter((s): s is string => typeof s === "string" && s.length >= 6);
  const dest = opts.destination ?? pino.destination(1);
  const stream: DestinationStream = secrets.length ? { write: (line: string) => dest.write(maskSecrets(line, secrets)) } : dest;
  return pino(
    {
      level,
      base: { app: "jixiao" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      serializers: { err: serializeError, error: serializeError },
      formatters: { log: (obj) => scrubValue(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          // The message string too (the Lark SDK adapter passes JSON text).
          const cleaned = args.map((a) => (typeof a === "string" ? scrubText(a) : a)) as typeof args;
          return method.apply(this, cleaned);
        },
      },
    },
    stream,
  );
}

/** For CLI commands and tests: nothing on stdout. */
export const silentLogger: Logger = pino({ level: "silent" });
