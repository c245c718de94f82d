// A message typed in one of the local channels (the web chat, the CLI's ask/chat): on the "local"
// platform a user's external id is simply their user id, and every message is a fresh one-to-one turn.
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "../../conversation/types.js";
import { sanitiseIncoming } from "../../conversation/sanitize.js";

export function localMessage(userId: number, text: string, at: Date, source: "web" | "cli"): IncomingMessage {
  const prefix = source === "web" ? "local" : "cli";
  const message: IncomingMessage = {
    platform: "local",
    messageId: `${prefix}-${randomUUID()}`,
    externalUserId: String(userId),
    chatId: `${prefix}-${userId}`,
    chatType: "p2p",
    text,
    mentioned: false,
    receivedAt: at,
    // Answered in the HTTP response (web chat) or on the terminal (CLI); nothing is queued.
    replyTo: { userId: String(userId) },
  };
  // Cleaned like every messenger's message; its ids are ours, so it is never refused.
  return sanitiseIncoming(message, at) ?? message;
}
