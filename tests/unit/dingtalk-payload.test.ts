import { describe, expect, it } from "vitest";
import { normaliseRobotMessage, parseRobotMessage, stripMention } from "../../src/platforms/dingtalk/payload.js";

// Shaped like the robot callback documented by DingTalk (企业内部机器人 接收消息).
const group = {
  conversationId: "cidKWGvXcfOyiq/CKTVCyiAng==",
  atUsers: [{ dingtalkId: "$:LWCP_v1:$bot" }],
  chatbotCorpId: "dinge8a565a3",
  chatbotUserId: "$:LWCP_v1:$bot",
  msgId: "msgdw4zwwEvvqwqExfGhzGyHA==",
  senderNick: "张三",
  isAdmin: false,
  senderStaffId: "manager7140",
  sessionWebhookExpiredTime: 1_700_005_400_000,
  createAt: 1_700_000_000_000,
  senderCorpId: "dinge8a565a3",
  conversationType: "2",
  senderId: "$:LWCP_v1:$sender",
  conversationTitle: "绩效群",
  isInAtList: true,
  sessionWebhook: "https://oapi.dingtalk.com/robot/sendBySession?session=abc",
  text: { content: " 调解成功率的目标是多少" },
  robotCode: "dingrobot",
  msgtype: "text",
};
const now = new Date(1_700_000_001_000);

describe("DingTalk robot message → IncomingMessage", () => {
  it("normalises a group @-message, keeping the session webhook for the reply", () => {
    const raw = parseRobotMessage(JSON.stringify(group));
    expect(raw).not.toBeNull();
    expect(normaliseRobotMessage(raw!, now)).toEqual({
      kind: "message",
      message: {
        platform: "dingtalk",
        messageId: "msgdw4zwwEvvqwqExfGhzGyHA==",
        externalUserId: "manager7140",
        chatId: "cidKWGvXcfOyiq/CKTVCyiAng==",
        chatType: "group",
        text: "调解成功率的目标是多少",
        mentioned: true,
        receivedAt: new Date(1_700_000_000_000),
        replyContext: {
          sessionWebhook: group.sessionWebhook,
          sessionWebhookExpiredTime: 1_700_005_400_000,
          staffId: "manager7140",
          conversationType: "2",
        },
      },
    });
  });

  it("ignores group messages that do not @ the robot, and non-text messages", () => {
    expect(normaliseRobotMessage(parseRobotMessage({ ...group, isInAtList: false })!, now)).toEqual({ kind: "ignored", reason: "not_mentioned" });
    const picture = { ...group, msgtype: "picture", text: undefined, content: { downloadCode: "x" } };
    expect(normaliseRobotMessage(parseRobotMessage(picture)!, now)).toEqual({ kind: "ignored", reason: "not_text" });
  });

  it("treats one-to-one chats as p2p and mentioned", () => {
    const p2p = { ...group, conversationType: "1", isInAtList: undefined, text: { content: "本月调解成功率99.2%" } };
    const n = normaliseRobotMessage(parseRobotMessage(p2p)!, now);
    expect(n.kind === "message" && [n.message.chatType, n.message.mentioned, n.message.text]).toEqual(["p2p", true, "本月调解成功率99.2%"]);
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
