// Signed, expiring links (issue 14 item 3 and issue 13 item 6): the dashboard link "看板" gives and
// the official tables' download links. A token is base64url(JSON claims) + "." + base64url(HMAC-
// SHA256(key, that JSON)); verification is constant-time and checks expiry against the wall clock
// (a link's lifetime is real time even when the business clock is pinned to 2021 for a demo).
import { createHmac, timingSafeEqual } from "node:crypto";
import type { OfficialTable } from "../conversation/nlu/intents.js";

export type { OfficialTable };

/** What a link lets its holder see: every section ("all") or one section by id. */
export type LinkScope = "all" | number;

export interface LinkClaims {
  /** "dash": the dashboard; "file": one official table's download. */
  kind: "dash" | "file";
  scope: LinkScope;
  /** The person the link was given to (users.id) — for the audit trail, not for access. */
  user: number;
  /** kind "file": which table. */
  table?: OfficialTable;
  /** Expiry, seconds since the epoch (wall clock). */
  exp: number;
}

export type VerifyResult = { ok: true; claims: LinkClaims } | { ok: false; reason: "malformed" | "tampered" | "expired" };

/** The dashboard link lives 24 h (issue 14); a download link 30 minutes (short-lived, issue 13). */
export const DASHBOARD_TTL_S = 24 * 3600;
export const FILE_TTL_S = 30 * 60;

export interface LinkSigner {
  sign(claims: Omit<LinkClaims, "exp">, ttlSeconds: number): string;
  verify(token: string | undefined): VerifyResult;
}

/** `key`: the secret from settings (≥ 32 bytes); `nowMs`: the wall clock (tests pass their own). */
export function createLinkSigner(key: string | Buffer, nowMs: () => number = Date.now): LinkSigner {
  const mac = (payload: string) => createHmac("sha256", key).update(payload).digest();
  return {
    sign(claims, ttlSeconds) {
      const payload = Buffer.from(JSON.stringify({ ...claims, exp: Math.floor(nowMs() / 1000) + ttlSeconds })).toString("base64url");
      return `${payload}.${mac(payload).toString("base64url")}`;
    },
    verify(token) {
      if (typeof token !== "string" || token.length > 2000) return { ok: false, reason: "malformed" };
      const m = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!m) return { ok: false, reason: "malformed" };
      const given = Buffer.from(m[2]!, "base64url");
      const want = mac(m[1]!);
      if (given.length !== want.length || !timingSafeEqual(given, want)) return { ok: false, reason: "tampered" };
      let claims: LinkClaims;
      try {
        claims = JSON.parse(Buffer.from(m[1]!, "base64url").toString("utf8")) as LinkClaims;
      } catch {
        return { ok: false, reason: "malformed" };
      }
      if (!claims || typeof claims.exp !== "number" || (claims.scope !== "all" && !Number.isInteger(claims.scope))) return { ok: false, reason: "malformed" };
      if (claims.exp * 1000 <= nowMs()) return { ok: false, reason: "expired" };
      return { ok: true, claims };
    },
  };
}
