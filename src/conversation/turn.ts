// What one intent handler gets: the sender, the parsed message, the pending dialog and the ports it
// may use. Handlers return Reply[]; they never see a platform.
import type { Clock } from "../clock.js";
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { Intent, ParsedMessage } from "./nlu/types.js";
import type { Reply } from "./types.js";
import type { BotUser } from "../users/directory.js";
import type { IndicatorCatalog } from "./indicator-catalog.js";
import type { Pending } from "./dialog/pending-state.js";
import type { TurnPorts } from "./ports.js";

export interface Turn {
  db: Database;
  log: Logger;
  clock: Clock;
  now: Date;
  /** Today in Asia/Shanghai, "YYYY-MM-DD". */
  today: string;
  user: BotUser;
  catalog: IndicatorCatalog;
  parsed: ParsedMessage;
  pending: Pending | null;
  /** Directory, catalogue, pending state, reminder preferences, monitoring (./ports.ts). */
  ports: TurnPorts;
  /** Runs a handler again with a completed message (a disambiguation answered by number). */
  redo(parsed: ParsedMessage): Promise<Reply[]>;
}

export type IntentHandler = (turn: Turn) => Promise<Reply[]>;
export type IntentHandlers = Record<Intent, IntentHandler>;

export const text = (t: string): Reply => ({ kind: "text", text: t });
