// What the conversation core offers the edges: the Bot and its turn commit. The message types
// themselves are the one contract in src/messages.ts (re-exported here for the core's files).
import type { Database } from "../db/client.js";

export type { ActionResult, Card, CardAction, CardButton, CardForm, IncomingMessage, Mention, Platform, ReceivedMessage, Reply, ReplyAddress, Tone } from "../messages.js";
import type { ActionResult, CardAction, IncomingMessage, Reply } from "../messages.js";

/**
 * Writes that must commit together with a turn — its outbox rows, the inbound row marked done —
 * given the turn's transaction (a Database bound to it, src/db/transaction.ts). Throwing rolls the
 * whole turn back.
 */
export type TurnCommit = (tx: Database, replies: Reply[]) => Promise<void>;

/** Like TurnCommit, for a card press: what the press answered, written in the press's transaction. */
export type ActionCommit = (tx: Database, result: ActionResult) => Promise<void>;

export interface Bot {
  /**
   * Answers one message. The turn's state changes and whatever `commit` writes form ONE
   * transaction; a transient database error rolls it back and the turn is tried again (bounded —
   * after that the error is thrown, never answered); a permanent error is answered with an apology,
   * committed through `commit` in a transaction of its own.
   */
  handle(message: IncomingMessage, commit?: TurnCommit): Promise<Reply[]>;
  /**
   * Answers a card press (button or form). Its changes and whatever `commit` writes (the follow-up
   * replies' outbox rows) form ONE transaction, retried as a whole on a transient database error.
   */
  handleAction(action: CardAction, commit?: ActionCommit): Promise<ActionResult>;
}
