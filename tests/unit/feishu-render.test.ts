import { describe, expect, it } from "vitest";
import { toCardAction, toIncomingMessage } from "../../src/platforms/feishu/payload.js";
import { renderCard } from "../../src/platforms/feishu/render.js";
import { splitReply, TEXT_LIMIT_BYTES } from "../../src/platforms/feishu/split.js";
import { uuidFor } from "../../src/platforms/feishu/sender.js";

const at = new Date("2021-11-15T02:00:00Z");
import { cardActionEvent, mention, messageEvent as fixture, type FeishuMention } from "../fixtures/feishu-events.js";

const messageEvent = (chatType: "p2p" | "group", text: string, mentions: FeishuMention[] = []) =>
  fixture({ message_type: "text", content: { text } }, { openId: "ou_1", chatType, chatId: "oc_1", messageId: "om_1", mentions });

describe("feishu events → core types", () => {
  it("normalises a p2p text message", () => {
    expect(toIncomingMessage(messageEvent("p2p", "调解成功率的目标是多少"), at)).toEqual({
      kind: "ok",
      value: { platform: "feishu", messageId: "om_1", externalUserId: "ou_1", chatId: "oc_1", chatType: "p2p", text: "调解成功率的目标是多少", mentioned: true, receivedAt: at },
    });
  });
  it("takes a group message only when the bot is @-mentioned, without the @ key", () => {
    const bot = mention("@_user_1", "ou_bot", "绩效助手");
    expect(toIncomingMessage(messageEvent("group", "@_user_1 本月调解成功率99.2%", [bot]), at)).toMatchObject({
      kind: "ok", value: { chatType: "group", text: "本月调解成功率99.2%", mentioned: true },
    });
    expect(toIncomingMessage(messageEvent("group", "大家好"), at).kind).toBe("ignored");
    expect(toIncomingMessage(messageEvent("group", "@_user_1 hi", [bot]), at, "ou_other").kind).toBe("ignored");
  });
  it("an image is not read (the core answers it politely); malformed events are ignored", () => {
    const image = fixture({ message_type: "image", content: { image_key: "img_v2_1" } }, { openId: "ou_1" });
    expect(toIncomingMessage(image, at)).toMatchObject({ kind: "ok", value: { unreadable: "image", text: "" } });
    expect(toIncomingMessage({ message: {} }, at).kind).toBe("ignored");
  });
  it("strips every @_user_N", () => {
    const some = [mention("@_user_1", "ou_a", "甲"), mention("@_user_12", "ou_b", "乙")];
    expect(toIncomingMessage(messageEvent("p2p", "@_user_1  你好 @_user_12", some), at)).toMatchObject({ value: { text: "你好" } });
  });
  it("reads a card button press", () => {
    const ev = cardActionEvent({ openId: "ou_1", value: { action: "confirm", token: "t1" }, messageId: "om_9" });
    expect(toCardAction(ev)).toEqual({ kind: "ok", value: { platform: "feishu", externalUserId: "ou_1", value: { action: "confirm", token: "t1" }, messageId: "om_9" } });
  });
});

describe("feishu rendering", () => {
  it("renders a card with header colour, markdown, buttons and note", () => {
    const card = renderCard({
      title: "请确认", tone: "warning", lines: ["**指标** 调解成功率", "数值 <99.2%>"],
      buttons: [{ label: "确认", value: { action: "confirm", token: "t" }, style: "primary" }], footer: "回复 确认 或 取消",
    });
    expect(card).toMatchObject({
      header: { title: { content: "请确认" }, template: "orange" },
      elements: [
        { tag: "markdown", content: "**指标** 调解成功率\n数值 &lt;99.2%&gt;" },
        { tag: "action", actions: [{ tag: "button", type: "primary", value: { action: "confirm", token: "t" } }] },
        { tag: "note" },
      ],
    });
  });
  it("splits long text under the limit and keeps buttons on the last card", () => {
    const line = "调解".repeat(1000);
    const parts = splitReply({ kind: "text", text: Array(60).fill(line).join("\n") });
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(JSON.stringify(p))).toBeLessThan(TEXT_LIMIT_BYTES + 1024);
    const cards = splitReply({ kind: "card", card: { title: "T", tone: "info", lines: Array(20).fill(line), buttons: [{ label: "b", value: { action: "a", token: "t" } }] } });
    expect(cards.length).toBeGreaterThan(1);
    expect(cards.map((c) => (c.kind === "card" ? (c.card.buttons?.length ?? 0) : -1))).toEqual([...Array(cards.length - 1).fill(0), 1]);
    expect(splitReply({ kind: "text", text: "短" })).toEqual([{ kind: "text", text: "短" }]);
  });
  it("keeps uuids within Feishu's 50 characters", () => {
    expect(uuidFor("feishu:om_1:0")).toBe("feishu:om_1:0");
    expect(uuidFor("x".repeat(80))).toHaveLength(40);
  });
});
