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
import { z } from "zod";
import type { IncomingMessage } from "../../conversation/types.js";

export const robotMessageSchema = z.object({
  msgId: z.string().min(1),
  msgtype: z.string(),
  text: z.object({ content: z.string() }).optional(),
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

/** What the channel keeps in IncomingMessage.replyContext; the DingTalk sender reads it back. */
export interface DingTalkReplyContext {
  sessionWebhook?: string;
  /** ms since epoch */
  sessionWebhookExpiredTime?: number;
  staffId?: string;
  conversationType: "1" | "2";
}

export type Normalised =
  | { kind: "message"; message: IncomingMessage }
  | { kind: "ignored"; reason: "not_text" | "not_mentioned" | "no_sender" };

/** Strips what the @-mention leaves at the front: whitespace and any leading "@名字" tokens. */
export function stripMention(content: string): string {
  return content.replace(/^(\s*@\S+)*\s*/u, "").trim();
}

export function normaliseRobotMessage(raw: RobotMessage, now: Date): Normalised {
  if (raw.msgtype !== "text" || !raw.text) return { kind: "ignored", reason: "not_text" };
  const group = raw.conversationType === "2";
  // isInAtList is absent in some old payloads; a message reaching a group robot was @-addressed.
  const mentioned = group ? raw.isInAtList !== false : true;
  if (!mentioned) return { kind: "ignored", reason: "not_mentioned" };
  const userId = raw.senderStaffId ?? raw.senderId;
  if (!userId) return { kind: "ignored", reason: "no_sender" };
  // A bare "@绩效助手" gives "": the core answers it with help.
  const text = stripMention(raw.text.content);
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
