// Scripted conversations in the botbuilder TestAdapter style:
//   await talk(bot, user).send("本月调解成功率99.2%").expect(/确认/).send("确认").expect(/已记录/);
// Steps run in order when the script is awaited; expect() checks the text rendering of the replies
// to the latest send (every reply of that turn, joined), so a test reads like the user story.
import { expect as vexpect } from "vitest";
import type { Bot, CardAction, IncomingMessage, Platform, Reply } from "../../src/conversation/types.js";
import { renderAll } from "../../src/conversation/replies/render-text.js";

export interface Speaker {
  platform?: Platform;
  externalUserId: string;
  chatType?: "p2p" | "group";
  mentioned?: boolean;
}

type Step = (state: { last: Reply[] }) => Promise<void> | void;
let counter = 0;

export class Script implements PromiseLike<void> {
  private readonly steps: Step[] = [];
  constructor(
    private readonly bot: Bot,
    private readonly who: Speaker,
  ) {}

  send(text: string, extra: Partial<IncomingMessage> = {}): this {
    this.steps.push(async (s) => {
      s.last = await this.bot.handle(message(this.who, text, extra));
    });
    return this;
  }

  /** Every pattern must appear in the replies to the latest send. */
  expect(...patterns: (RegExp | string)[]): this {
    this.steps.push((s) => {
      const text = renderAll(s.last);
      for (const p of patterns) {
        if (typeof p === "string") vexpect(text, `replies:\n${text}`).toContain(p);
        else vexpect(text, `replies:\n${text}`).toMatch(p);
      }
    });
    return this;
  }

  expectNot(...patterns: (RegExp | string)[]): this {
    this.steps.push((s) => {
      const text = renderAll(s.last);
      for (const p of patterns) {
        if (typeof p === "string") vexpect(text).not.toContain(p);
        else vexpect(text).not.toMatch(p);
      }
    });
    return this;
  }

  expectNoReply(): this {
    this.steps.push((s) => void vexpect(s.last).toEqual([]));
    return this;
  }

  /** Arbitrary checks or side effects between turns (advance the clock, inspect the database). */
  do(fn: (last: Reply[]) => Promise<void> | void): this {
    this.steps.push((s) => fn(s.last));
    return this;
  }

  then<R1 = void, R2 = never>(ok?: ((v: void) => R1 | PromiseLike<R1>) | null, fail?: ((e: unknown) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2> {
    const run = async () => {
      const state = { last: [] as Reply[] };
      for (const step of this.steps) await step(state);
    };
    return run().then(ok, fail);
  }
}

export function talk(bot: Bot, who: Speaker | number): Script {
  return new Script(bot, typeof who === "number" ? { externalUserId: String(who) } : who);
}

export function message(who: Speaker, text: string, extra: Partial<IncomingMessage> = {}): IncomingMessage {
  const chatType = who.chatType ?? "p2p";
  return {
    platform: who.platform ?? "local",
    messageId: `test-${++counter}`,
    externalUserId: who.externalUserId,
    chatId: chatType === "group" ? "group-1" : `p2p-${who.externalUserId}`,
    chatType,
    text,
    mentioned: who.mentioned ?? false,
    receivedAt: new Date(),
    replyTo: {},
    ...extra,
  };
}

/** The buttons of the last card in `replies` (for handleAction tests). */
export function buttonsOf(replies: Reply[]): { label: string; value: CardAction["value"] }[] {
  const card = [...replies].reverse().find((r) => r.kind === "card");
  return card?.kind === "card" ? (card.card.buttons ?? []) : [];
}
