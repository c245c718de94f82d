// The platform-neutral contract between the messenger edges and the conversation core.
// Every channel (Feishu webhook / long connection, DingTalk stream / HTTP, the local chat) turns its
// events into an IncomingMessage or a CardAction and calls the same Bot methods; replies come back
// as platform-neutral Reply values that each channel renders (Feishu card, DingTalk markdown, text).
import type { Database } from "../db/client.js";

export type Platform = "feishu" | "dingtalk" | "local";

export interface IncomingMessage {
  platform: Platform;
  /** The platform's message id: the de-duplication key (Feishu message_id, DingTalk msgId). */
  messageId: string;
  /** Feishu open_id, DingTalk staffId, local user id. */
  externalUserId: string;
  chatId: string;
  chatType: "p2p" | "group";
  /** Text with @-mentions stripped. */
  text: string;
  /** Group chats: whether the bot was @-mentioned (the core ignores group messages without it). */
  mentioned: boolean;
  receivedAt: Date;
  /**
   * Set when the person sent something the bot cannot read (the platform's kind: "image", "file",
   * "audio" without speech-to-text, …); `text` is then "". The core answers with one polite line.
   */
  unreadable?: string;
  /** Extra ids a channel needs to answer (e.g. DingTalk sessionWebhook); opaque to the core. */
  replyContext?: Record<string, unknown>;
}

/** A card button press (Feishu card.action.trigger; local chat buttons). */
export interface CardAction {
  platform: Platform;
  externalUserId: string;
  /** The button's value as the core put it in the card. */
  value: { action: string; token: string };
  /** The card message the button belongs to, when the platform says. */
  messageId?: string;
}

export type Tone = "info" | "success" | "warning" | "danger";

export interface CardButton {
  label: string;
  value: { action: string; token: string };
  style?: "primary" | "default" | "danger";
}

/** A small card: title, markdown-lite lines (**bold** only), optional buttons. */
export interface Card {
  title: string;
  tone: Tone;
  lines: string[];
  buttons?: CardButton[];
  /** Shown under the body (e.g. "回复 确认 或 取消"), for channels without buttons too. */
  footer?: string;
  /**
   * A chart to show with the card (issue 14): a src/charts definition as plain JSON, drawn and
   * uploaded at send time by the channels that show images; the lines already say it all in text.
   */
  chart?: { alt: string; spec: object };
  /**
   * A file sent after the card where the messenger takes files (Feishu file message; issue 13
   * item 6). The card's lines must already carry a download link for the others.
   */
  attachment?: { name: string; base64: string };
}

export type Reply = { kind: "text"; text: string } | { kind: "card"; card: Card };

export interface ActionResult {
  /** A short toast shown to the presser (Feishu answers within 3 s). */
  toast: string;
  /** The card as it should now look (buttons gone, outcome shown). */
  card?: Card;
  /** Further messages to send. */
  replies?: Reply[];
}

/**
 * Writes that must commit together with a turn — its outbox rows, the inbound row marked done —
 * given the turn's transaction (a Database bound to it, src/db/transaction.ts). Throwing rolls the
 * whole turn back.
 */
export type TurnCommit = (tx: Database, replies: Reply[]) => Promise<void>;

export interface Bot {
  /**
   * Answers one message. The turn's state changes and whatever `commit` writes form ONE
   * transaction; a transient database error rolls it back and the turn is tried again (bounded —
   * after that the error is thrown, never answered); a permanent error is answered with an apology,
   * committed through `commit` in a transaction of its own.
   */
  handle(message: IncomingMessage, commit?: TurnCommit): Promise<Reply[]>;
  handleAction(action: CardAction): Promise<ActionResult>;
}
