// The turn chain (botbuilder's middleware set): every message passes the same ordered list of small
// steps, each in its own file and testable alone. A step gets the turn's context and `next` (the
// rest of the chain); it answers by returning replies without calling `next`, or adds to the context
// and passes on. The order is in ../bot.ts (TURN_STEPS).
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/client.js";
import type { Logger } from "../../logger.js";
import type { IncomingMessage, Reply } from "../../messages.js";
import type { IndicatorCatalog } from "../indicator-catalog.js";
import type { ParsedMessage } from "../nlu/types.js";
import type { Pending } from "../dialog/pending-state.js";
import type { TurnPorts } from "../ports.js";
import type { BotUser } from "../../users/bot-user.js";
import type { TurnCommit } from "../types.js";

export interface TurnContext {
  message: IncomingMessage;
  /** The database; inside the transaction step, the turn's transaction. */
  db: Database;
  log: Logger;
  clock: Clock;
  /** Business time of the turn (the injected clock). */
  now: Date;
  ports: TurnPorts;
  /** Writes that commit with the turn (the inbound pipeline's outbox rows + event done). */
  commit?: TurnCommit;
  /** Set by the transaction step once `commit` ran with the turn; otherwise the runner commits. */
  committed: boolean;
  /** Set by the identity step: the bound user, or null for someone the bot does not know. */
  user?: BotUser | null;
  /** Set by the understanding step. */
  catalog?: IndicatorCatalog;
  parsed?: ParsedMessage;
  /** Set by the pending step. */
  pending?: Pending | null;
}

export type Next = () => Promise<Reply[]>;
export type Step = (ctx: TurnContext, next: Next) => Promise<Reply[]>;

/** Runs `steps` in order over `ctx`; the end of the chain answers nothing. */
export function runSteps(steps: readonly Step[], ctx: TurnContext): Promise<Reply[]> {
  const at = (i: number): Promise<Reply[]> => (i < steps.length ? steps[i]!(ctx, () => at(i + 1)) : Promise.resolve([]));
  return at(0);
}

/** For the steps after identity/understanding: the values those steps guarantee. */
export function required<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`turn chain misordered: ${what} is not set`);
  return value;
}
