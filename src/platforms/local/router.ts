// The local web chat's HTTP surface: the page, the demo staff, and two calls into the core.
// Like every channel it ends in bot.handle(message) / bot.handleAction(action); identity on the
// "local" platform is simply the user id (the page lets you pick who you are — a demo, not a login).
import { readFileSync } from "node:fs";
import express, { Router, type NextFunction, type Request, type Response } from "express";
import type { Clock } from "../../clock.js";
import type { Bot, CardAction } from "../../conversation/types.js";
import type { Database } from "../../db/client.js";
import type { Logger } from "../../logger.js";
import { requireKey } from "./access-key.js";
import { listDemoUsers } from "./demo-users.js";
import { LocalInbox } from "./inbox.js";
import { isTextTooLong, MAX_INBOUND_TEXT_CHARS } from "../../conversation/sanitize.js";
import { localMessage } from "./local-message.js";
import { actionBodySchema, BODY_ISSUES, messageBodySchema } from "./schemas.js";
import { describeIssues } from "../../zod-issues.js";

export interface LocalChatDeps {
  bot: Bot;
  db: Database;
  clock: Clock;
  log: Logger;
  /** This start's secret (access-key.ts): without it every page and API request is 403. */
  accessKey: string;
  /**
   * What the outbox delivered to each user (reminders, escalations) — the same instance the local
   * Sender writes to (main.ts). Absent: an inbox nothing writes to.
   */
  inbox?: LocalInbox;
}

const PAGE = readFileSync(new URL("./page.html", import.meta.url), "utf8");

/** The web chat lets anyone pick any user (admin included): it answers this machine only. */
export function isLoopback(address: string | undefined): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1" || (address?.startsWith("127.") ?? false);
}

function badRequest(res: Response, message: string): void {
  res.status(400).json({ error: message });
}

export function createLocalChatRouter({ bot, db, clock, log, accessKey, inbox = new LocalInbox() }: LocalChatDeps): Router {
  const router = Router();
  // The server listens on all interfaces for the messengers' webhooks; the demo chat must not.
  const localOnly = (req: Request, res: Response, next: NextFunction) => {
    if (isLoopback(req.socket.remoteAddress)) return next();
    res.status(403).json({ error: "本地体验聊天只接受本机访问（127.0.0.1）" });
  };
  // …and, since a reverse proxy on this host makes everyone 127.0.0.1, only with this start's key.
  const keyed = requireKey(accessKey);
  router.use(["/api/local"], localOnly, keyed);
  const sendPage = (_req: Request, res: Response) => {
    res.type("html").set("cache-control", "no-store").set("referrer-policy", "no-referrer").send(PAGE);
  };
  router.get(["/", "/chat"], localOnly, keyed, sendPage);

  router.get("/api/local/users", async (_req, res) => {
    res.json({ sections: await listDemoUsers(db, clock), maxTextChars: MAX_INBOUND_TEXT_CHARS });
  });

  // Messages the outbox delivered (reminders, escalations), for every user: the page polls with the
  // last sequence number it has and files each message under its user's conversation.
  router.get("/api/local/inbox", (req, res) => {
    const raw = typeof req.query.after === "string" ? req.query.after : "0";
    if (!/^\d{1,12}$/.test(raw)) return badRequest(res, "after 必须是非负整数（上次收到的最大序号）");
    res.set("cache-control", "no-store").json({ messages: inbox.since(Number(raw)), last: inbox.last() });
  });

  // Room for an over-long message (its polite answer comes from the bot, conversation/sanitize.ts).
  const api = express.json({ limit: "64kb" });

  router.post("/api/local/messages", api, async (req, res) => {
    const body = messageBodySchema.safeParse(req.body ?? {});
    if (!body.success) return badRequest(res, `消息格式不对——${describeIssues(body.error, BODY_ISSUES)}`);
    const { userId, text } = body.data;
    const message = localMessage(userId, text, clock.now(), "web");
    const replies = await bot.handle(message);
    log.debug({ userId, replies: replies.length }, "local chat turn");
    // Over the one cap (sanitize.ts) the bot answered without reading it: the page keeps the typed text.
    res.json({ replies, textTooLong: isTextTooLong(text) });
  });

  router.post("/api/local/actions", api, async (req, res) => {
    const body = actionBodySchema.safeParse(req.body ?? {});
    if (!body.success) return badRequest(res, `按钮操作格式不对——${describeIssues(body.error, BODY_ISSUES)}`);
    const action: CardAction = { platform: "local", externalUserId: String(body.data.userId), value: body.data.value };
    res.json(await bot.handleAction(action));
  });

  // body-parser's own failures (malformed JSON, too large) as a clear 400/413 instead of a stack.
  router.use("/api/local", (err: Error & { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (err.type === "entity.parse.failed") return badRequest(res, "请求体不是有效的 JSON");
    if (err.type === "entity.too.large") return void res.status(413).json({ error: "请求体过大（最多 64 kB）" });
    next(err);
  });
  return router;
}
