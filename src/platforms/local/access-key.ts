// The web chat lets anyone act as any user (the admin too), so loopback-only is not enough: behind
// a reverse proxy on the same host every request comes from 127.0.0.1 (issue 10 item 12). Each
// start makes a random key, printed once as a link (http://127.0.0.1:3000/?k=<key>); opening it
// sets an HttpOnly, SameSite=Strict cookie and redirects to "/" (the key leaves the address bar).
// Every page and API request must then carry the key: the cookie, or an `x-chat-key` header (curl).
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

export const COOKIE = "jx_chat_key";
export const HEADER = "x-chat-key";

/** A fresh key for one start: 24 random bytes, URL-safe. */
export function newAccessKey(): string {
  return randomBytes(24).toString("base64url");
}

export const FORBIDDEN_TEXT = "本地体验聊天需要本次启动时打印的专用链接（形如 http://127.0.0.1:3000/?k=…），请从启动窗口复制完整链接打开。";

function same(a: string | undefined, key: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(key);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

/** True when the request carries the key (cookie or header). */
export function hasKey(req: Request, key: string): boolean {
  return same(cookieValue(req, COOKIE), key) || same(req.get(HEADER), key);
}

/** GET with ?k=<key>: remember it in the cookie and come back without it in the address. */
export function acceptLink(req: Request, res: Response, key: string): boolean {
  const k = typeof req.query.k === "string" ? req.query.k : undefined;
  if (!same(k, key)) return false;
  res.cookie(COOKIE, key, { httpOnly: true, sameSite: "strict", path: "/" });
  res.redirect(303, req.path);
  return true;
}

export function requireKey(key: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (hasKey(req, key)) return next();
    if (req.method === "GET" && acceptLink(req, res, key)) return;
    if (req.accepts(["html", "json"]) === "html") res.status(403).type("html").send(`<!doctype html><meta charset="utf-8"><p>${FORBIDDEN_TEXT}</p>`);
    else res.status(403).json({ error: FORBIDDEN_TEXT });
  };
}
