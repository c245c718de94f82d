// Every kind of Feishu message a person sends, in the real shape (SDK-typed fixtures): text and
// post are read (every text and @ element, in order, our @ removed), everything else comes through
// as `unreadable` for the core's polite line; the group rule (only an @ of the bot) holds for all.
import { describe, expect, it } from "vitest";
import { toIncomingMessage } from "../../src/platforms/feishu/payload.js";
import { MENTION_ALL, mention, messageEvent, type MessageContent, type MessageOptions, type MessageReceiveEvent } from "../fixtures/feishu-events.js";

const at = new Date("2021-11-15T02:00:00Z");
const BOT = mention("@_user_1", "ou_bot", "绩效助手");
const ZHANG = mention("@_user_2", "ou_zhang", "张三");
const read = (kind: MessageContent, o: Partial<MessageOptions> = {}, botOpenId: string | undefined = "ou_bot") =>
  toIncomingMessage(messageEvent(kind, { openId: "ou_1", ...o }), at, botOpenId);

describe("feishu post (rich text)", () => {
  it("the example of issue 8: @bot + text → the text, without our @", () => {
    const post: MessageContent = {
      message_type: "post",
      content: { title: "", content: [[{ tag: "at", user_id: "@_user_1", user_name: "绩效助手" }, { tag: "text", text: " 报 调解成功率 99.2%" }]] },
    };
    expect(read(post, { chatType: "group", mentions: [BOT] })).toMatchObject({ kind: "ok", value: { text: "报 调解成功率 99.2%", mentioned: true, chatType: "group" } });
  });

  it("title, paragraphs, links and other people's @ in order", () => {
    const post: MessageContent = {
      message_type: "post",
      content: {
        title: "十月报送",
        content: [
          [{ tag: "text", text: "请问", style: ["bold"] }, { tag: "at", user_id: "@_user_2", user_name: "张三" }, { tag: "text", text: "负责的" }],
          [{ tag: "a", text: "普法动态", href: "https://example.gov.cn/a" }, { tag: "text", text: "的目标是多少" }, { tag: "emotion", emoji_type: "SMILE" }],
        ],
      },
    };
    expect(read(post, { mentions: [ZHANG] })).toMatchObject({ value: { text: "十月报送\n请问 @张三 负责的\n普法动态的目标是多少" } });
  });

  it("a post that is only a picture is unreadable, not empty", () => {
    const post: MessageContent = { message_type: "post", content: { title: "", content: [[{ tag: "img", image_key: "img_v2_1" }]] } };
    expect(read(post)).toMatchObject({ kind: "ok", value: { unreadable: "post:img", text: "" } });
  });

  it("a group post without @ of the bot is not for us", () => {
    const post: MessageContent = { message_type: "post", content: { title: "", content: [[{ tag: "text", text: "大家辛苦了" }]] } };
    expect(read(post, { chatType: "group" })).toEqual({ kind: "ignored", reason: "group message without @bot" });
  });
});

describe("feishu kinds the bot cannot read", () => {
  const kinds: MessageContent[] = [
    { message_type: "image", content: { image_key: "img_v2_1" } },
    { message_type: "file", content: { file_key: "file_v2_1", file_name: "台账.xlsx" } },
    { message_type: "audio", content: { file_key: "file_v2_2", duration: 3000 } },
    { message_type: "media", content: { file_key: "file_v2_3", image_key: "img_v2_2", file_name: "a.mp4", duration: 9000 } },
    { message_type: "sticker", content: { file_key: "file_v2_4" } },
  ];
  it.each(kinds.map((k) => [k.message_type, k] as const))("%s in a p2p chat → unreadable (answered politely)", (type, kind) => {
    expect(read(kind)).toMatchObject({ kind: "ok", value: { unreadable: type, text: "", chatType: "p2p" } });
  });
  it.each(kinds.map((k) => [k.message_type, k] as const))("%s in a group without @ → ignored", (_type, kind) => {
    expect(read(kind, { chatType: "group" }).kind).toBe("ignored");
  });
});

describe("feishu group rule", () => {
  const text = (t: string): MessageContent => ({ message_type: "text", content: { text: t } });
  it("@所有人 is not addressed to the bot, with or without the bot's open_id known", () => {
    expect(read(text("@_all 明天开会"), { chatType: "group", mentions: [MENTION_ALL] }).kind).toBe("ignored");
    expect(read(text("@_all 明天开会"), { chatType: "group", mentions: [MENTION_ALL] }, undefined).kind).toBe("ignored");
  });
  it("@所有人 and @bot together: for us, both keys removed", () => {
    expect(read(text("@_all @_user_1 调解成功率的目标是多少"), { chatType: "group", mentions: [MENTION_ALL, BOT] })).toMatchObject({
      kind: "ok",
      value: { text: "调解成功率的目标是多少" },
    });
  });
  it("a reply in a thread / topic follows the same rule", () => {
    expect(read(text("@_user_1 调解成功率的目标是多少"), { chatType: "group", thread: true, mentions: [BOT] })).toMatchObject({
      kind: "ok",
      value: { text: "调解成功率的目标是多少", chatId: "oc_group1" },
    });
    expect(read(text("收到"), { chatType: "group", thread: true }).kind).toBe("ignored");
  });
  it("a message from another bot or app is ignored", () => {
    const ev = messageEvent(text("hi"), { openId: "ou_1" });
    expect(toIncomingMessage({ ...ev, sender: { ...ev.sender, sender_type: "app" } }, at).kind).toBe("ignored");
  });
});

describe("fixtures are checked by the compiler against the SDK's type", () => {
  it("`mentions` at the event root does not compile (it lives in `message`)", () => {
    const good = messageEvent({ message_type: "text", content: { text: "hi" } }, { openId: "ou_1" });
    const misplaced: MessageReceiveEvent = {
      sender: good.sender,
      message: good.message,
      // @ts-expect-error — Feishu (and the SDK's "im.message.receive_v1" type) puts mentions in message
      mentions: [BOT],
    };
    expect(toIncomingMessage(misplaced, at, "ou_bot")).toMatchObject({ kind: "ok", value: { mentioned: true, chatType: "p2p" } });
  });
});
