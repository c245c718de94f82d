// createBot: the platform-neutral conversation core every channel calls.
// One turn: (group without @ → ignored) → (unreadable kind → one polite line) → parse → [identity
// (a guest: guest.ts) → pending dialog → route → intent handler → the caller's commit] in ONE
// transaction → Reply[]. Parsing (possibly an LLM call) stays
// outside the transaction so no connection is held while a model thinks. Errors never reach the
// user as a stack trace: an AppError says its Chinese userMessage (and the turn still commits),
// a transient database error retries the whole turn, anything else is a polite apology committed
// on its own; all are logged.
import type { Clock } from "../clock.js";
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import { AppError } from "../errors.js";
import { shanghaiDate } from "../domain/shanghai-time.js";
import { Abandoned, inTransaction, isTransientDbError, retryTransient } from "../db/transaction.js";
import type { ActionResult, Bot, CardAction, IncomingMessage, Reply, TurnCommit } from "./types.js";
import type { ParsedMessage } from "./nlu/types.js";
import type { ParseFn } from "./nlu/llm-fallback.js";
import { parseMessage } from "./nlu/parse.js";
import { findBotUser } from "./identity.js";
import { cachedCatalog } from "./indicator-catalog.js";
import { loadPending } from "./dialog/pending-state.js";
import { routeIntent } from "./dialog/route.js";
import { handleCardAction } from "./dialog/card-action.js";
import { defaultHandlers } from "./handlers/index.js";
import { onboardingText, unreadableText } from "./replies/help.js";
import { guestReplies } from "./guest.js";
import { text, type IntentHandlers, type Turn } from "./turn.js";
import { isTextTooLong, TEXT_TOO_LONG } from "./sanitize.js";
import { monitoringReply } from "../monitoring/chat-answers.js";
import { answerReason } from "../monitoring/deviation-reasons.js";
import { budgetChatReply } from "../budget/chat-budget.js";

export interface BotOptions {
  db: Database;
  clock: Clock;
  log: Logger;
  /** The understanding layer; default the rule-based parser (the LLM fallback wraps it). */
  parse?: ParseFn;
  /** Replace or add intent handlers (e.g. the reminders module's remind_me). */
  handlers?: Partial<IntentHandlers>;
  /** How long the indicator catalogue is reused between turns (default 60 s). */
  catalogTtlMs?: number;
  /** Tries of a turn that meets transient database errors, the first included (default 4). */
  turnAttempts?: number;
}

const SORRY = "抱歉，处理您的消息时出现问题，请稍后再试；如多次出现，请联系管理员。";

export function createBot(opts: BotOptions): Bot {
  const { db, clock } = opts;
  const log = opts.log.child({ mod: "bot" });
  const parse: ParseFn = opts.parse ?? parseMessage;
  const handlers: IntentHandlers = { ...defaultHandlers, ...opts.handlers };
  const catalog = cachedCatalog(db, opts.catalogTtlMs);

  /** The turn inside `tx`; an AppError becomes its reply and the turn's other changes still commit. */
  async function turn(message: IncomingMessage, tx: Database): Promise<Reply[]> {
    if (message.chatType === "group" && !message.mentioned) return [];
    if (message.unreadable !== undefined) return [text(unreadableText(message.platform))];
    if (isTextTooLong(message.text)) return [text(TEXT_TOO_LONG)]; // before any parsing (issue 10 item 7)
    try {
      const user = await findBotUser(tx, message.platform, message.externalUserId);
      if (!user && message.platform === "local") return [text(onboardingText(message.platform, message.externalUserId))];
      const now = clock.now();
      const [cat, parsed] = await parsedOutside.get(message)!;
      if (!user) {
        log.debug({ intent: parsed.intent, platform: message.platform }, "guest turn");
        return guestReplies(parsed, cat, message.platform, message.externalUserId);
      }
      const loaded = await loadPending(tx, user.id, now);
      // An open 偏差原因 question takes its answers (src/monitoring); anything else goes on as usual.
      const reason = loaded?.kind === "deviation_reason" ? await answerReason(tx, now, user.id, loaded, message.text) : null;
      if (reason) return reason;
      const pending = loaded?.kind === "deviation_reason" ? null : loaded;
      const t: Turn = {
        db: tx, log, clock, now, today: shanghaiDate(now), user, catalog: cat, parsed, pending,
        redo: (p: ParsedMessage) => handlers[p.intent]({ ...t, parsed: p, pending: null }),
      };
      // 双监控 / 预算执行 / 自评 questions (src/monitoring); none while a dialog waits for an answer.
      const monitoring = pending ? null : await monitoringReply(t, message.text);
      if (monitoring) return monitoring;
      // Budget figures from the finance section (src/budget/chat-budget.ts, issue 13 item 1).
      const budget = await budgetChatReply(t, message.text);
      if (budget) return budget;
      const intent = routeIntent(parsed, pending);
      log.debug({ user: user.id, intent, indicator: parsed.indicator?.id }, "turn");
      return await handlers[intent](t);
    } catch (err) {
      if (err instanceof AppError) return [text(userMessageOf(err, log, { messageId: message.messageId }))];
      throw err;
    }
  }

  // Catalogue and parse, computed once per message before the transaction and reused by its retries.
  const parsedOutside = new WeakMap<IncomingMessage, Promise<[Awaited<ReturnType<typeof catalog>>, ParsedMessage]>>();
  function prepare(message: IncomingMessage) {
    if (!parsedOutside.has(message)) {
      const now = clock.now();
      const p = catalog(now).then(async (cat) => [cat, await parse(message.text, { now, indicators: cat.docs, sections: cat.sections })] as [typeof cat, ParsedMessage]);
      p.catch(() => parsedOutside.delete(message));
      parsedOutside.set(message, p);
    }
    return parsedOutside.get(message)!;
  }

  async function once(message: IncomingMessage, commit: TurnCommit | undefined): Promise<Reply[]> {
    try {
      if ((message.chatType !== "group" || message.mentioned) && message.unreadable === undefined && !isTextTooLong(message.text)) await prepare(message);
      return await inTransaction(db, async (tx) => {
        const replies = await turn(message, tx);
        await commit?.(tx, replies);
        return replies;
      });
    } catch (err) {
      if (err instanceof Abandoned || isTransientDbError(err)) throw err;
      const replies = [text(userMessageOf(err, log, { messageId: message.messageId }))];
      // The apology is the answer: it commits with the event, in a transaction of its own.
      if (commit) await inTransaction(db, (tx) => commit(tx, replies));
      return replies;
    }
  }

  return {
    async handle(message, commit) {
      return retryTransient(() => once(message, commit), {
        attempts: opts.turnAttempts ?? 4,
        onRetry: (err, attempt, delayMs) => log.warn({ err, messageId: message.messageId, attempt, delayMs }, "turn rolled back by a database error; retrying"),
      });
    },
    async handleAction(action: CardAction): Promise<ActionResult> {
      try {
        // The catalogue is read before the transaction: on PGlite's single connection a read
        // outside the open transaction would wait for it forever.
        const cat = await catalog(clock.now());
        return await retryTransient(() => inTransaction(db, (tx) => handleCardAction({ db: tx, clock, catalog: async () => cat }, action)));
      } catch (err) {
        return { toast: userMessageOf(err, log, { action: action.value.action }) };
      }
    },
  };
}

function userMessageOf(err: unknown, log: Logger, context: Record<string, unknown>): string {
  if (err instanceof AppError) {
    log.warn({ ...context, code: err.code, detail: err.detail }, err.message);
    return err.userMessage;
  }
  log.error({ ...context, err }, "turn failed");
  return SORRY;
}
