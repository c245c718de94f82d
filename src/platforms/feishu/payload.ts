// Feishu event payloads, validated at the edge (zod) and turned into the core's platform-neutral
// IncomingMessage / CardAction. Envelope 2.0: {schema:"2.0", header:{event_id, event_type,
// create_time, token, app_id, tenant_key}, event:{…}}; the url_verification challenge is
// {type:"url_verification", challenge, token}.
import type { EventHandles } from "@larksuiteoapi/node-sdk";
import { z } from "zod";
import { isAddressedToBot, isBotMention, type CardAction, type Mention, type ReceivedMessage } from "../../messages.js";
import { mentionRenderer, postOf, textOf, type FeishuMention } from "./message-content.js";

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

// The SDK's type of the "im.message.receive_v1" event is the reference (node-sdk types/index.d.ts):
// `mentions` lives in `message`; thread replies carry root_id/parent_id/thread_id.
const messageEventSchema = z.object({
  sender: z.object({
    sender_id: z.object({ open_id: z.string().optional() }).optional(),
    sender_type: z.string().optional(),
  }),
  message: z.object({
    message_id: z.string(),
    chat_id: z.string(),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    create_time: z.string().optional(),
    thread_id: z.string().optional(),
    mentions: z
      .array(z.object({ key: z.string(), id: z.object({ open_id: z.string().optional() }).optional(), name: z.string().optional() }))
      .optional(),
  }),
});

/** Compile-time: every event of the SDK's type is one this schema accepts (where they differ, the SDK wins). */
export type SdkMessageEvent = Omit<Parameters<NonNullable<EventHandles["im.message.receive_v1"]>>[0], "event_id" | "token" | "app_id">;
const _sdkEventsFit = (e: SdkMessageEvent): z.input<typeof messageEventSchema> => e;
void _sdkEventsFit;

const cardActionEventSchema = z.object({
  operator: z.object({ open_id: z.string() }),
  // form_value: what a form container's inputs held when its submit button was pressed, by input
  // name (飞书开放平台「卡片回传交互」callback structure: action.{value, tag, name, form_value}).
  action: z.object({ value: z.object({ action: z.string(), token: z.string() }), form_value: z.record(z.string(), z.unknown()).optional() }),
  context: z.object({ open_message_id: z.string().optional(), open_chat_id: z.string().optional() }).optional(),
});

/** What a Feishu event reads as: the contract's value, or ignored with the reason (logged at debug). */
export type FeishuEventReading<T> = { kind: "ok"; value: T } | { kind: "ignored"; reason: string };

/**
 * im.message.receive_v1 → the contract's ReceivedMessage (the channel adds its reply address).
 * - Group rule: isAddressedToBot (src/messages.ts) over message.mentions, the bot being its
 *   open_id once known. Threads and topics are group messages like any other.
 * - text and post are read (message-content.ts): our @ removed, other people's @ kept as "@name".
 * - Anything else a person sends (image, file, audio, sticker, media, …) comes through as
 *   `unreadable` — the core answers it with one polite line instead of silence. Feishu gives no
 *   speech-to-text for audio.
 */
export function toIncomingMessage(event: unknown, receivedAt: Date, botOpenId?: string): FeishuEventReading<ReceivedMessage> {
  const parsed = messageEventSchema.safeParse(event);
  if (!parsed.success) return { kind: "ignored", reason: "malformed message event" };
  const { sender, message } = parsed.data;
  const mentions = message.mentions ?? [];
  if (sender.sender_type && sender.sender_type !== "user") return { kind: "ignored", reason: "not from a user" };
  const openId = sender.sender_id?.open_id;
  if (!openId) return { kind: "ignored", reason: "sender without open_id" };
  const chatType = message.chat_type === "p2p" ? "p2p" : "group";
  const neutral = (m: FeishuMention): Mention => ({ id: m.id?.open_id, everyone: m.key === "@_all" });
  const mentioned = isAddressedToBot(chatType, mentions.map(neutral), botOpenId);
  if (chatType === "group" && !mentioned) return { kind: "ignored", reason: "group message without @bot" };
  // Without the bot's open_id every mention is dropped (we cannot tell which one is us).
  const render = mentionRenderer(mentions, (m) => botOpenId === undefined || isBotMention(neutral(m), botOpenId));
  let text = "";
  let unreadable: string | undefined;
  if (message.message_type === "text") {
    const t = textOf(message.content, render);
    if (t === null) return { kind: "ignored", reason: "text content is not JSON" };
    text = t;
  } else if (message.message_type === "post") {
    const p = postOf(message.content, render);
    if (p === null) return { kind: "ignored", reason: "post content is not JSON" };
    if (p.text === "" && p.hasMedia) unreadable = "post:img";
    else text = p.text;
  } else {
    unreadable = message.message_type;
  }
  return {
    kind: "ok",
    value: {
      platform: "feishu",
      messageId: message.message_id,
      externalUserId: openId,
      chatId: message.chat_id,
      chatType,
      text,
      mentioned,
      receivedAt,
      ...(unreadable ? { unreadable } : {}),
    },
  };
}

/** card.action.trigger → CardAction (the button value is what our card put there). */
export function toCardAction(event: unknown): FeishuEventReading<CardAction> {
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
      ...(action.form_value ? { formValue: formText(action.form_value) } : {}),
    },
  };
}

/** Inputs hand back strings; anything else (a multi-select's list) is joined, never trusted as is. */
function formText(v: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, Array.isArray(x) ? x.join("，") : typeof x === "string" ? x : String(x ?? "")]));
}
