// Feishu event payloads, validated at the edge (zod) and turned into the core's platform-neutral
// IncomingMessage / CardAction. Envelope 2.0: {schema:"2.0", header:{event_id, event_type,
// create_time, token, app_id, tenant_key}, event:{…}}; the url_verification challenge is
// {type:"url_verification", challenge, token}.
import { z } from "zod";
import type { CardAction, IncomingMessage } from "../../conversation/types.js";

export const challengeSchema = z.object({
  type: z.literal("url_verification"),
  challenge: z.string(),
  token: z.string().optional(),
});

export const envelopeSchema = z.object({
  schema: z.literal("2.0"),
  header: z.object({
    event_id: z.string(),
    event_type: z.string(),
    token: z.string().optional(),
    app_id: z.string().optional(),
    create_time: z.string().optional(),
  }),
  event: z.record(z.string(), z.unknown()),
});
export type Envelope = z.infer<typeof envelopeSchema>;

const messageEventSchema = z.object({
  sender: z.object({
    sender_id: z.object({ open_id: z.string() }),
    sender_type: z.string().optional(),
  }),
  message: z.object({
    message_id: z.string(),
    chat_id: z.string(),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    create_time: z.string().optional(),
  }),
  mentions: z
    .array(z.object({ key: z.string(), id: z.object({ open_id: z.string().optional() }).optional(), name: z.string().optional() }))
    .optional(),
});

const cardActionEventSchema = z.object({
  operator: z.object({ open_id: z.string() }),
  action: z.object({ value: z.object({ action: z.string(), token: z.string() }) }),
  context: z.object({ open_message_id: z.string().optional(), open_chat_id: z.string().optional() }).optional(),
});

export type Normalised<T> = { kind: "ok"; value: T } | { kind: "ignored"; reason: string };

type Mention = { key: string; id?: { open_id?: string }; name?: string };

/**
 * im.message.receive_v1 → IncomingMessage. Text arrives as content JSON
 * {"text":"@_user_1 本月调解成功率99.2%"} with `mentions[]` = [{key:"@_user_1", id:{open_id}, name}].
 * With the bot's open_id known, a group message is for us only if it @-mentions the bot; our key is
 * stripped and other people's mentions become "@name" (the text as the sender saw it).
 * Without it (bot info not fetched) any mention counts and every @_user_N key is stripped — what
 * Feishu delivers anyway when the app has only the group_at_msg scope.
 */
export function toIncomingMessage(event: unknown, receivedAt: Date, botOpenId?: string): Normalised<IncomingMessage> {
  const parsed = messageEventSchema.safeParse(event);
  if (!parsed.success) return { kind: "ignored", reason: "malformed message event" };
  const { sender, message, mentions = [] } = parsed.data;
  if (sender.sender_type && sender.sender_type !== "user") return { kind: "ignored", reason: "not from a user" };
  if (message.message_type !== "text") return { kind: "ignored", reason: `message_type ${message.message_type}` };
  let text: string;
  try {
    text = String((JSON.parse(message.content) as { text?: unknown }).text ?? "");
  } catch {
    return { kind: "ignored", reason: "content is not JSON" };
  }
  const chatType = message.chat_type === "p2p" ? "p2p" : "group";
  const ours = (m: Mention) => botOpenId === undefined || m.id?.open_id === botOpenId;
  const mentioned = chatType === "p2p" || mentions.some(ours);
  if (chatType === "group" && !mentioned) return { kind: "ignored", reason: "group message without @bot" };
  return {
    kind: "ok",
    value: {
      platform: "feishu",
      messageId: message.message_id,
      externalUserId: sender.sender_id.open_id,
      chatId: message.chat_id,
      chatType,
      text: botOpenId === undefined ? stripMentions(text) : replaceMentions(text, mentions, ours),
      mentioned,
      receivedAt,
    },
  };
}

/** Removes every @_user_N key (the fallback when the bot's open_id is unknown). */
export function stripMentions(text: string): string {
  return text.replace(/@_user_\d+/g, " ").replace(/\s+/g, " ").trim();
}

/** Removes the keys of mentions that are `ours`; other keys become "@name" (or are removed when nameless). */
export function replaceMentions(text: string, mentions: readonly Mention[], ours: (m: Mention) => boolean): string {
  const byKey = new Map(mentions.map((m) => [m.key, m]));
  return text
    .replace(/@_user_\d+/g, (key) => {
      const m = byKey.get(key);
      return m && !ours(m) && m.name ? ` @${m.name} ` : " ";
    })
    .replace(/\s+/g, " ")
    .trim();
}

/** card.action.trigger → CardAction (the button value is what our card put there). */
export function toCardAction(event: unknown): Normalised<CardAction> {
  const parsed = cardActionEventSchema.safeParse(event);
  if (!parsed.success) return { kind: "ignored", reason: "malformed card action" };
  const { operator, action, context } = parsed.data;
  return {
    kind: "ok",
    value: {
      platform: "feishu",
      externalUserId: operator.open_id,
      value: action.value,
      messageId: context?.open_message_id,
    },
  };
}
