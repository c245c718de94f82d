// The one message contract between the messenger edges, the inbound pipeline, the conversation core
// and the outbox (bolt-js's ReceiverEvent idea, botbuilder's Activity): what comes in
// (IncomingMessage, CardAction), what goes out (Reply, Card) and where it goes (ReplyAddress).
// Every channel (Feishu webhook / long connection, DingTalk stream / HTTP, the local chat) turns its
// events into these; the core answers with Reply values each platform's Sender renders (Feishu card,
// DingTalk markdown, text). Types only, plus the one rule of who a group message is addressed to.

export type Platform = "feishu" | "dingtalk" | "local";

/**
 * Where the replies to a message go, in its platform Sender's terms (Feishu {receive_id_type,
 * receive_id}; DingTalk {staffId?, sessionWebhook?, sessionWebhookExpiredTime?}; the local chat
 * answers in the HTTP response and stores {userId}). Captured by the channel when the message is
 * received and stored with it, so nobody asks the channel again later; the outbox stores it as the
 * row's target. Flat JSON: the outbox's recipient queue key reads its fields (outbox/order-key.ts).
 */
export type ReplyAddress = { readonly [field: string]: string | number | boolean | null | undefined };

/** An @-mention in a group message, as the channel read it. */
export interface Mention {
  /** The mentioned account's platform id (Feishu open_id), when the platform says. */
  id?: string;
  /** @所有人 (Feishu key "@_all"): never an address to the bot. */
  everyone?: boolean;
  /** The platform itself says this @ is the bot (DingTalk's isInAtList). */
  isBot?: boolean;
}

/**
 * Is this @ the bot? The bot's own id once known; while it is unknown (Feishu bot/v3/info not
 * answered yet) any mention but @所有人 counts — better a reply too many than a silent bot.
 */
export function isBotMention(m: Mention, botId: string | undefined): boolean {
  if (m.everyone) return false;
  return m.isBot === true || botId === undefined || m.id === botId;
}

/**
 * THE group-@ rule, for every platform and every message kind: a one-to-one message is always for
 * the bot; a group message (threads and topics included) only when one of its mentions is the bot.
 */
export function isAddressedToBot(chatType: "p2p" | "group", mentions: readonly Mention[], botId?: string): boolean {
  return chatType === "p2p" || mentions.some((m) => isBotMention(m, botId));
}

/** A message as a channel normalised it, before it is given its reply address. */
export interface ReceivedMessage {
  platform: Platform;
  /** The platform's message id: the de-duplication key (Feishu message_id, DingTalk msgId). */
  messageId: string;
  /** Feishu open_id, DingTalk staffId, local user id. */
  externalUserId: string;
  chatId: string;
  chatType: "p2p" | "group";
  /** Text with the bot's @-mention stripped. */
  text: string;
  /** isAddressedToBot's answer (always true for p2p): the core ignores group messages without it. */
  mentioned: boolean;
  receivedAt: Date;
  /**
   * Set when the person sent something the bot cannot read (the platform's kind: "image", "file",
   * "audio" without speech-to-text, …); `text` is then "". The core answers with one polite line.
   */
  unreadable?: string;
}

export interface IncomingMessage extends ReceivedMessage {
  /** Where the replies go (captured at receive time, stored with the message). */
  replyTo: ReplyAddress;
}

/** A card button press (Feishu card.action.trigger; local chat buttons). */
export interface CardAction {
  platform: Platform;
  externalUserId: string;
  /** The button's value as the core put it in the card. */
  value: { action: string; token: string };
  /** The card message the button belongs to, when the platform says. */
  messageId?: string;
  /** A form's submit button: what was typed, by field name (Feishu `action.form_value`). */
  formValue?: Record<string, string>;
}

export type Tone = "info" | "success" | "warning" | "danger";

export type CardButton = {
  label: string;
  value: { action: string; token: string };
  style?: "primary" | "default" | "danger";
};

/** A small card: title, markdown-lite lines (**bold** only), optional buttons. */
export type Card = {
  title: string;
  tone: Tone;
  lines: string[];
  buttons?: CardButton[];
  /** Shown under the body (e.g. "回复 确认 或 取消"), for channels without buttons too. */
  footer?: string;
  /** Text inputs and one submit button (Feishu: a card JSON 2.0 `form`); only sent where forms exist. */
  form?: CardForm;
  /**
   * A chart to show with the card (issue 14): a src/charts definition as plain JSON, drawn and
   * uploaded at send time by the senders of messengers that show images; the lines say it all in text.
   */
  chart?: { alt: string; spec: object };
  /**
   * A file sent after the card where the messenger takes files (Feishu file message; issue 13
   * item 6). The card's lines must already carry a download link for the others.
   */
  attachment?: { name: string; base64: string };
};

/** A reporting form: one text input per field; the submit comes back as a CardAction with formValue. */
export interface CardForm {
  fields: { name: string; label: string; placeholder: string }[];
  submit: CardButton;
}

/** One outgoing message, platform-neutral; stored as the outbox row's payload (plain JSON). */
export type Reply = { kind: "text"; text: string } | { kind: "card"; card: Card };

export interface ActionResult {
  /** A short toast shown to the presser (Feishu answers within 3 s). */
  toast: string;
  /** The card as it should now look (buttons gone, outcome shown). */
  card?: Card;
  /** Further messages to send. */
  replies?: Reply[];
  /** True when the press changed nothing because something failed (the toast apologises): an error toast. */
  failed?: boolean;
}
