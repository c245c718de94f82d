// createBot: the platform-neutral conversation core every channel calls. One turn is the chain of
// small steps in TURN_STEPS (./chain/, one file each): apology on error → addressed to the bot →
// readable → identity → understanding → guest → [transaction: pending dialog → monitoring → budget → intent
// handler → the caller's commit] → Reply[]. Parsing (possibly an LLM call) and the identity lookup
// (possibly a contact-directory call) stay outside the transaction so no connection is held while
// they wait. A transient database error retries the whole chain (the parse is reused); a reply
// from a step before the transaction (ignored group message, unreadable kind, guest, apology) is
// committed by the runner in a transaction of its own.
import { reportStore } from "./report-store.js";
import type { Clock } from "../clock.js";
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import { inTransaction, retryTransient } from "../db/transaction.js";
import type { ActionCommit, ActionResult, Bot, CardAction, IncomingMessage, Reply, TurnCommit } from "./types.js";
import type { ParseFn } from "./nlu/llm-fallback.js";
import { parseMessage } from "./nlu/parse.js";
import { cachedCatalog } from "./indicator-catalog.js";
import { loadPending } from "./dialog/pending-state.js";
import { handleCardAction } from "./dialog/card-action.js";
import { defaultHandlers } from "./handlers/index.js";
import type { IntentHandlers } from "./turn.js";
import type { BotPorts, TurnPorts } from "./ports.js";
import { runSteps, type Step } from "./chain/step.js";
import { apologise, userMessageOf } from "./chain/apologise.js";
import { addressed } from "./chain/addressed.js";
import { readable } from "./chain/readable.js";
import { identity } from "./chain/identity.js";
import { understanding } from "./chain/understanding.js";
import { guest } from "./chain/guest.js";
import { transaction } from "./chain/transaction.js";
import { pending } from "./chain/pending.js";
import { monitoring } from "./chain/monitoring.js";
import { budget } from "./chain/budget.js";
import { handler } from "./chain/handler.js";

export interface BotOptions {
  db: Database;
  clock: Clock;
  log: Logger;
  /** The user directory, reminder preferences, monitoring, budget, charts and dashboard (src/turn-ports.ts builds them). */
  ports: BotPorts;
  /** The understanding layer; default the rule-based parser (the LLM fallback wraps it). */
  parse?: ParseFn;
  /** How long the indicator catalogue is reused between turns (default 60 s). */
  catalogTtlMs?: number;
  /** Tries of a turn that meets transient database errors, the first included (default 4). */
  turnAttempts?: number;
}

/** The order every message passes. */
export function turnSteps(parse: ParseFn, handlers: IntentHandlers): Step[] {
  return [apologise, addressed, readable, identity, understanding(parse), guest, transaction, pending, monitoring, budget, handler(handlers)];
}

export function createBot(opts: BotOptions): Bot {
  const { db, clock } = opts;
  const log = opts.log.child({ mod: "bot" });
  const ports: TurnPorts = {
    catalog: cachedCatalog(db, opts.catalogTtlMs),
    pending: { load: loadPending },
    reports: reportStore,
    ...opts.ports,
  };
  const steps = turnSteps(opts.parse ?? parseMessage, defaultHandlers);

  async function once(message: IncomingMessage, commit: TurnCommit | undefined): Promise<Reply[]> {
    const ctx = { message, db, log, clock, now: clock.now(), ports, commit, committed: false };
    const replies = await runSteps(steps, ctx);
    // Answered before (or without) the transaction step: the answer commits with the event on its own.
    if (!ctx.committed && commit) await inTransaction(db, (tx) => commit(tx, replies));
    return replies;
  }

  return {
    async handle(message, commit) {
      return retryTransient(() => once(message, commit), {
        attempts: opts.turnAttempts ?? 4,
        onRetry: (err, attempt, delayMs) => log.warn({ err, messageId: message.messageId, attempt, delayMs }, "turn rolled back by a database error; retrying"),
      });
    },
    async handleAction(action: CardAction, commit?: ActionCommit): Promise<ActionResult> {
      try {
        // Identity and catalogue are read before the transaction: on PGlite's single connection a
        // read outside the open transaction would wait for it forever. A transient database error
        // anywhere retries the whole press, as a turn's does.
        return await retryTransient(async () => {
          const user = await ports.directory.resolve(action.platform, action.externalUserId);
          const cat = await ports.catalog(clock.now());
          return inTransaction(db, async (tx) => {
            const result = await handleCardAction({ db: tx, clock, catalog: async () => cat, ports }, user, action);
            await commit?.(tx, result);
            return result;
          });
        });
      } catch (err) {
        return { toast: userMessageOf(err, log, { action: action.value.action }), failed: true };
      }
    },
  };
}
