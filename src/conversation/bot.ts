// createBot: the platform-neutral conversation core every channel calls.
// One turn: identity → (group without @ → ignored) → pending dialog → parse → route → intent
// handler → Reply[]. Errors never reach the user as a stack trace: an AppError says its Chinese
// userMessage, anything else a polite apology; both are logged.
import type { Clock } from "../clock.js";
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import { AppError } from "../errors.js";
import { shanghaiDate } from "../domain/shanghai-time.js";
import type { ActionResult, Bot, CardAction, IncomingMessage, Reply } from "./types.js";
import type { ParsedMessage } from "./nlu/types.js";
import type { ParseFn } from "./nlu/llm-fallback.js";
import { parseMessage } from "./nlu/parse.js";
import { findBotUser } from "./identity.js";
import { cachedCatalog } from "./indicator-catalog.js";
import { loadPending } from "./dialog/pending-state.js";
import { routeIntent } from "./dialog/route.js";
import { handleCardAction } from "./dialog/card-action.js";
import { defaultHandlers } from "./handlers/index.js";
import { onboardingText } from "./replies/help.js";
import { text, type IntentHandlers, type Turn } from "./turn.js";
import { monitoringReply } from "../monitoring/chat-answers.js";
import { answerReason } from "../monitoring/deviation-reasons.js";

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
}

const SORRY = "抱歉，处理您的消息时出现问题，请稍后再试；如多次出现，请联系管理员。";

export function createBot(opts: BotOptions): Bot {
  const { db, clock } = opts;
  const log = opts.log.child({ mod: "bot" });
  const parse: ParseFn = opts.parse ?? parseMessage;
  const handlers: IntentHandlers = { ...defaultHandlers, ...opts.handlers };
  const catalog = cachedCatalog(db, opts.catalogTtlMs);

  async function turn(message: IncomingMessage): Promise<Reply[]> {
    if (message.chatType === "group" && !message.mentioned) return [];
    const user = await findBotUser(db, message.platform, message.externalUserId);
    if (!user) return [text(onboardingText(message.platform, message.externalUserId))];
    const now = clock.now();
    const [cat, pending] = await Promise.all([catalog(now), loadPending(db, user.id, now)]);
    const parsed = await parse(message.text, { now, indicators: cat.docs, sections: cat.sections });
    const t: Turn = {
      db, log, clock, now, today: shanghaiDate(now), user, catalog: cat, parsed, pending,
      redo: (p: ParsedMessage) => handlers[p.intent]({ ...t, parsed: p, pending: null }),
    };
    // 双监控 / 预算执行 / 自评 questions (src/monitoring); none while a dialog waits for an answer.
    const monitoring = pending ? null : (await answerReason(db, now, user.id, message.text)) ?? (await monitoringReply(t, message.text));
    if (monitoring) return monitoring;
    const intent = routeIntent(parsed, pending);
    log.debug({ user: user.id, intent, indicator: parsed.indicator?.id }, "turn");
    return handlers[intent](t);
  }

  return {
    async handle(message) {
      try {
        return await turn(message);
      } catch (err) {
        return [text(userMessageOf(err, log, { messageId: message.messageId }))];
      }
    },
    async handleAction(action: CardAction): Promise<ActionResult> {
      try {
        return await handleCardAction({ db, clock, catalog }, action);
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
