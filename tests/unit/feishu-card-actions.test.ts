// card.action.trigger answers: within the deadline the outcome card, after it a "处理中" toast and
// the card updated later through the outbox. A follow-up the outbox cannot take (database down) is
// logged — never an unhandled rejection, which would end the process.
import { describe, expect, it } from "vitest";
import type { ActionResult, Bot, CardAction } from "../../src/conversation/types.js";
import type { Logger } from "../../src/logger.js";
import type { Outbox, OutgoingMessage } from "../../src/outbox/index.js";
import { answerCardAction } from "../../src/platforms/feishu/card-actions.js";

const action: CardAction = { platform: "feishu", externalUserId: "ou_1", value: { action: "confirm", token: "t1" }, messageId: "om_1" };
const result: ActionResult = {
  toast: "已记录",
  card: { title: "已记录", tone: "success", lines: ["调解成功率 99.2%"] },
  replies: [{ kind: "text", text: "累计 99.2%" }],
};

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function fakes(enqueue: (m: OutgoingMessage[]) => Promise<void>) {
  const errors: string[] = [];
  const logged = deferred<void>();
  const log = {
    error: (_o: unknown, msg: string) => {
      errors.push(msg);
      logged.resolve();
    },
  } as unknown as Logger;
  const outbox = { enqueue } as unknown as Outbox;
  return { log, outbox, errors, logged: logged.promise };
}

describe("feishu card actions", () => {
  it("answers in time with the outcome card and queues the replies", async () => {
    const queued: OutgoingMessage[] = [];
    const f = fakes(async (m) => void queued.push(...m));
    const bot = { handleAction: async () => result } as unknown as Bot;
    const answer = await answerCardAction(action, { bot, outbox: f.outbox, log: f.log, answerWithinMs: 1_000 });
    expect(answer.toast).toEqual({ type: "success", content: "已记录" });
    expect(answer.card?.data).toMatchObject({ header: { title: { content: "已记录" } } });
    expect(queued.map((m) => [m.idempotencyKey, m.target])).toEqual([["feishu:act:om_1:t1:0", { receive_id_type: "open_id", receive_id: "ou_1" }]]);
  });

  it("answered late, the card update goes through the outbox; an outbox failure is logged, not thrown", async () => {
    const done = deferred<ActionResult>();
    const f = fakes(async () => {
      throw new Error("database down");
    });
    const bot = { handleAction: () => done.promise } as unknown as Bot;
    const answer = await answerCardAction(action, { bot, outbox: f.outbox, log: f.log, answerWithinMs: 0 });
    expect(answer).toEqual({ toast: { type: "info", content: "处理中，请稍候…" } });
    done.resolve(result);
    await f.logged;
    expect(f.errors).toEqual(["card action follow-ups not queued"]);
  }, 2_000);

  it("in time but the replies cannot be queued: the presser still gets the outcome", async () => {
    const f = fakes(async () => {
      throw new Error("database down");
    });
    const bot = { handleAction: async () => result } as unknown as Bot;
    const answer = await answerCardAction(action, { bot, outbox: f.outbox, log: f.log, answerWithinMs: 1_000 });
    expect(answer.toast).toEqual({ type: "success", content: "已记录" });
    expect(f.errors).toEqual(["card action follow-ups not queued"]);
  });
});
