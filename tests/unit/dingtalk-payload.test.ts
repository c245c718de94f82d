import { describe, expect, it } from "vitest";
import { normaliseRobotMessage, parseRobotMessage, stripMention } from "../../src/platforms/dingtalk/payload.js";
import { audio, file, picture, richText, robotMessage, text, video, type RobotBody } from "../fixtures/dingtalk-messages.js";

// Shaped like the robot callback documented by DingTalk (企业内部机器人 接收消息): typed fixtures.
const base = "https://oapi.dingtalk.com/robot/sendBySession?session=abc";
const build = (body: RobotBody, o: { group?: boolean; atBot?: boolean } = {}) =>
  robotMessage(body, { base, robotCode: "dingrobot", staffId: "manager7140", group: true, ...o });
const group = build(text("调解成功率的目标是多少", true));
const now = new Date(1_700_000_001_000);

describe("DingTalk robot message → IncomingMessage", () => {
  it("normalises a group @-message, keeping the session webhook for the reply", () => {
    const raw = parseRobotMessage(JSON.stringify(group));
    expect(raw).not.toBeNull();
    expect(normaliseRobotMessage(raw!, now)).toEqual({
      kind: "message",
      message: {
        platform: "dingtalk",
        messageId: group.msgId,
        externalUserId: "manager7140",
        chatId: group.conversationId,
        chatType: "group",
        text: "调解成功率的目标是多少",
        mentioned: true,
        receivedAt: new Date(group.createAt),
        replyContext: {
          sessionWebhook: group.sessionWebhook,
          sessionWebhookExpiredTime: group.sessionWebhookExpiredTime,
          staffId: "manager7140",
          conversationType: "2",
        },
      },
    });
  });

  it("ignores group messages that do not @ the robot, of every kind", () => {
    for (const body of [text("调解成功率的目标是多少", true), picture(), audio("调解成功率的目标是多少"), richText([{ text: "你好" }])]) {
      expect(normaliseRobotMessage(parseRobotMessage(build(body, { atBot: false }))!, now)).toEqual({ kind: "ignored", reason: "not_mentioned" });
    }
  });

  it("treats one-to-one chats as p2p and mentioned", () => {
    const p2p = build(text("本月调解成功率99.2%"), { group: false });
    const n = normaliseRobotMessage(parseRobotMessage(p2p)!, now);
    expect(n.kind === "message" && [n.message.chatType, n.message.mentioned, n.message.text]).toEqual(["p2p", true, "本月调解成功率99.2%"]);
  });

  it("reads richText (text items in order) and a voice message's recognition", () => {
    const read = (body: RobotBody) => {
      const n = normaliseRobotMessage(parseRobotMessage(build(body, { group: false }))!, now);
      return n.kind === "message" ? { text: n.message.text, unreadable: n.message.unreadable } : n;
    };
    expect(read(richText([{ text: "本月调解成功率" }, { downloadCode: "dc", type: "picture" }, { text: "99.2%" }]))).toEqual({ text: "本月调解成功率 99.2%", unreadable: undefined });
    expect(read(audio("报一下十月调解成功率百分之九十九"))).toEqual({ text: "报一下十月调解成功率百分之九十九", unreadable: undefined });
    expect(read(audio())).toEqual({ text: "", unreadable: "audio" });
    expect(read(audio("  "))).toEqual({ text: "", unreadable: "audio" });
    expect(read(richText([{ downloadCode: "dc", type: "picture" }]))).toEqual({ text: "", unreadable: "richText" });
    for (const body of [picture(), file(), video()]) expect(read(body)).toEqual({ text: "", unreadable: body.msgtype });
  });

  it("rejects what is not a robot message", () => {
    expect(parseRobotMessage("{not json")).toBeNull();
    expect(parseRobotMessage({ msgId: "x" })).toBeNull();
    expect(parseRobotMessage({ ...group, conversationType: "3" })).toBeNull();
  });

  it("strips leading @mentions and spaces only", () => {
    expect(stripMention(" 确认")).toBe("确认");
    expect(stripMention("@绩效助手 确认")).toBe("确认");
    expect(stripMention("@绩效助手 @张三  发给 @李四")).toBe("发给 @李四");
  });
});
