// Robot message callbacks → IncomingMessage. The same JSON arrives in both modes: as the `data`
// string of a Stream-mode CALLBACK frame (topic /v1.0/im/bot/messages/get) and as the body of an
// HTTP-callback POST.
// Protocol facts [doc]:
// - `conversationType` "1" = one-to-one, "2" = group. In groups the robot only receives messages
//   that @-mention it (`isInAtList: true`); the text then starts with a space where the @ was.
// - `msgId` is stable across redeliveries: it is our de-duplication key.
// - `sessionWebhook` answers in the same conversation without a token until
//   `sessionWebhookExpiredTime` (ms since epoch, roughly 90 min after the message).
// - `senderStaffId` (企业内员工 userid) is what proactive sends address; external users have only
//   `senderId`.
// - `createAt` is ms since epoch.
// - `msgtype` [doc 机器人接收消息 https://open.dingtalk.com/document/orgapp/receive-message; the
//   official Python Stream SDK's chatbot.py]: text {text.content}; richText {content.richText[]:
//   {text} | {downloadCode, type:"picture"}}; audio {content.{duration, downloadCode, recognition}}
//   — recognition is DingTalk's own speech-to-text, how many staff "type" on phones; picture,
//   video, file {content.downloadCode…}. Typed fixtures of each: tests/fixtures/dingtalk-messages.ts.
import { z } from "zod";
import { isAddressedToBot, type ReceivedMessage } from "../../messages.js";

export const robotMessageSchema = z.object({
  msgId: z.string().min(1),
  msgtype: z.string(),
  text: z.object({ content: z.string() }).optional(),
  content: z.unknown().optional(),
  conversationId: z.string().min(1),
  conversationType: z.enum(["1", "2"]),
  senderId: z.string().optional(),
  senderStaffId: z.string().optional(),
  senderNick: z.string().optional(),
  sessionWebhook: z.string().url().optional(),
  sessionWebhookExpiredTime: z.number().optional(),
  isInAtList: z.boolean().optional(),
  robotCode: z.string().optional(),
  createAt: z.number().optional(),
});

export type RobotMessage = z.infer<typeof robotMessageSchema>;

/** What the reply address is made of (sender.ts replyAddress turns it into the outbox target). */
export interface DingTalkReplyContext {
  sessionWebhook?: string;
  /** ms since epoch */
  sessionWebhookExpiredTime?: number;
  staffId?: string;
  conversationType: "1" | "2";
}

/** A robot message read into the contract, with what its reply address is made of. */
export type RobotIncoming = ReceivedMessage & { replyContext: DingTalkReplyContext };

/** What a robot message reads as: the message with its reply context, or ignored with the reason. */
export type RobotMessageReading =
  | { kind: "message"; message: RobotIncoming }
  | { kind: "ignored"; reason: "not_mentioned" | "no_sender" };

const richTextSchema = z.object({ richText: z.array(z.object({ text: z.string().optional() }).passthrough()) });
const audioSchema = z.object({ recognition: z.string().optional() });

/** What can be read of each kind: the text, or the kind the bot cannot read (answered politely). */
export function readableText(raw: RobotMessage): { text: string } | { unreadable: string } {
  if (raw.msgtype === "text" && raw.text) return { text: raw.text.content };
  if (raw.msgtype === "richText") {
    const items = richTextSchema.safeParse(raw.content);
    const texts = items.success ? items.data.richText.flatMap((i) => (i.text?.trim() ? [i.text] : [])) : [];
    // Text items in order; a picture between them separates words, it does not join them.
    return texts.length ? { text: texts.join(" ") } : { unreadable: "richText" };
  }
  if (raw.msgtype === "audio") {
    const recognition = audioSchema.safeParse(raw.content);
    const said = recognition.success ? recognition.data.recognition?.trim() : undefined;
    return said ? { text: said } : { unreadable: "audio" };
  }
  return { unreadable: raw.msgtype };
}

/** Strips what the @-mention leaves at the front: whitespace and any leading "@名字" tokens. */
export function stripMention(content: string): string {
  return content.replace(/^(\s*@\S+)*\s*/u, "").trim();
}

export function normaliseRobotMessage(raw: RobotMessage, now: Date): RobotMessageReading {
  const group = raw.conversationType === "2";
  // DingTalk names no mention ids to the robot; isInAtList says the @ is the robot's. It is absent
  // in some old payloads: a message reaching a group robot was @-addressed.
  const mentioned = isAddressedToBot(group ? "group" : "p2p", raw.isInAtList === false ? [] : [{ isBot: true }]);
  if (!mentioned) return { kind: "ignored", reason: "not_mentioned" };
  const userId = raw.senderStaffId ?? raw.senderId;
  if (!userId) return { kind: "ignored", reason: "no_sender" };
  // A bare "@绩效助手" gives "": the core answers it with help.
  const read = readableText(raw);
  const text = "text" in read ? stripMention(read.text) : "";
  const replyContext: DingTalkReplyContext = {
    sessionWebhook: raw.sessionWebhook,
    sessionWebhookExpiredTime: raw.sessionWebhookExpiredTime,
    staffId: raw.senderStaffId,
    conversationType: raw.conversationType,
  };
  return {
    kind: "message",
    message: {
      platform: "dingtalk",
      messageId: raw.msgId,
      externalUserId: userId,
      chatId: raw.conversationId,
      chatType: group ? "group" : "p2p",
      text,
      mentioned,
      receivedAt: raw.createAt ? new Date(raw.createAt) : now,
      ...("unreadable" in read ? { unreadable: read.unreadable } : {}),
      replyContext: { ...replyContext },
    },
  };
}

/** Parses a JSON string or object; null when it is not a robot message. */
export function parseRobotMessage(input: unknown): RobotMessage | null {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch {
      return null;
    }
  }
  const parsed = robotMessageSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
