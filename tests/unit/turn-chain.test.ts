// The turn chain's steps one at a time (src/conversation/chain/): each is a function of the turn's
// context and `next`, so a step is checked by what it answers and whether it passes the message on.
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import type { Database } from "../../src/db/client.js";
import { Abandoned } from "../../src/db/transaction.js";
import { AppError } from "../../src/errors.js";
import { silentLogger } from "../../src/logger.js";
import { isAddressedToBot, isBotMention, type IncomingMessage, type Reply } from "../../src/messages.js";
import { addressed } from "../../src/conversation/chain/addressed.js";
import { APOLOGY, apologise } from "../../src/conversation/chain/apologise.js";
import { readable } from "../../src/conversation/chain/readable.js";
import { runSteps, type Step, type TurnContext } from "../../src/conversation/chain/step.js";
import type { TurnPorts } from "../../src/conversation/ports.js";
import { TEXT_TOO_LONG } from "../../src/conversation/sanitize.js";
import { unreadableText } from "../../src/conversation/replies/help.js";

const ANSWER: Reply[] = [{ kind: "text", text: "answered by the rest of the chain" }];
const rest = async () => ANSWER;

function context(over: Partial<IncomingMessage> = {}): TurnContext {
  const clock = fixedClock("2021-11-15T10:00:00+08:00");
  const message: IncomingMessage = {
    platform: "feishu", messageId: "om_1", externalUserId: "ou_1", chatId: "oc_1", chatType: "p2p",
    text: "调解成功率的目标是多少", mentioned: true, receivedAt: clock.now(), replyTo: { receive_id_type: "open_id", receive_id: "ou_1" }, ...over,
  };
  // The steps below touch neither the database nor a port: empty stand-ins make that visible.
  return { message, db: {} as Database, log: silentLogger, clock, now: clock.now(), ports: {} as TurnPorts, committed: false };
}

describe("the group-@ rule (src/messages.ts)", () => {
  it("p2p is always addressed; a group only through a mention of the bot, never @所有人", () => {
    expect(isAddressedToBot("p2p", [])).toBe(true);
    expect(isAddressedToBot("group", [])).toBe(false);
    expect(isAddressedToBot("group", [{ id: "ou_bot" }], "ou_bot")).toBe(true);
    expect(isAddressedToBot("group", [{ id: "ou_other" }], "ou_bot")).toBe(false);
    expect(isAddressedToBot("group", [{ everyone: true }], "ou_bot")).toBe(false);
    expect(isAddressedToBot("group", [{ everyone: true }])).toBe(false);
    expect(isAddressedToBot("group", [{ isBot: true }])).toBe(true); // DingTalk isInAtList
  });
  it("while the bot's own id is unknown any mention but @所有人 counts", () => {
    expect(isBotMention({ id: "ou_anyone" }, undefined)).toBe(true);
    expect(isBotMention({ everyone: true }, undefined)).toBe(false);
  });
});

describe("turn chain steps", () => {
  it("addressed: a group message without @ of the bot ends the turn silently; anything else passes", async () => {
    expect(await addressed(context({ chatType: "group", mentioned: false }), rest)).toEqual([]);
    expect(await addressed(context({ chatType: "group", mentioned: true }), rest)).toBe(ANSWER);
    expect(await addressed(context({ chatType: "p2p" }), rest)).toBe(ANSWER);
  });

  it("readable: an unreadable kind and an over-long text get their one line; text passes", async () => {
    expect(await readable(context({ unreadable: "image", text: "" }), rest)).toEqual([{ kind: "text", text: unreadableText("feishu") }]);
    expect(await readable(context({ text: "字".repeat(4001) }), rest)).toEqual([{ kind: "text", text: TEXT_TOO_LONG }]);
    expect(await readable(context(), rest)).toBe(ANSWER);
  });

  it("apologise: an AppError says its own message, anything else THE apology; transient and abandoned errors pass up", async () => {
    const failing = (err: unknown) => async (): Promise<Reply[]> => {
      throw err;
    };
    expect(await apologise(context(), failing(new AppError("invalid_value", "请说 1 到 31 号")))).toEqual([{ kind: "text", text: "请说 1 到 31 号" }]);
    expect(await apologise(context(), failing(new Error("boom")))).toEqual([{ kind: "text", text: APOLOGY }]);
    await expect(apologise(context(), failing(new Abandoned("lease lost")))).rejects.toBeInstanceOf(Abandoned);
    const lost = Object.assign(new Error("Connection terminated unexpectedly"), { code: "57P01" });
    await expect(apologise(context(), failing(lost))).rejects.toBe(lost);
  });

  it("runSteps: steps run in order, each may answer or pass on; the end of the chain answers nothing", async () => {
    const seen: string[] = [];
    const mark = (name: string): Step => async (_ctx, next) => (seen.push(name), next());
    expect(await runSteps([mark("a"), mark("b")], context())).toEqual([]);
    expect(seen).toEqual(["a", "b"]);
    expect(await runSteps([mark("c"), addressed, mark("never")], context({ chatType: "group", mentioned: false }))).toEqual([]);
    expect(seen).toEqual(["a", "b", "c"]);
  });
});
