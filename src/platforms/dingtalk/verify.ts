// DingTalk HTTP-callback signature, as pure functions with the clock passed in.
// Protocol [doc]: every robot callback carries headers `timestamp` (ms since epoch, as a string)
// and `sign` = base64(HmacSHA256(key = appSecret, message = timestamp + "\n" + appSecret)).
// A timestamp more than one hour away from our clock must be refused (replay window).
import { createHmac, timingSafeEqual } from "node:crypto";

export const MAX_SKEW_MS = 60 * 60 * 1000;

export function dingtalkSign(timestamp: string, appSecret: string): string {
  return createHmac("sha256", appSecret).update(`${timestamp}\n${appSecret}`, "utf8").digest("base64");
}

export type SignCheck =
  | { ok: true }
  | { ok: false; reason: "missing" | "bad_timestamp" | "expired" | "bad_sign" };

export function verifyDingTalkSign(input: {
  timestamp: string | undefined;
  sign: string | undefined;
  appSecret: string;
  now: Date;
  maxSkewMs?: number;
}): SignCheck {
  const { timestamp, sign, appSecret } = input;
  if (!timestamp || !sign) return { ok: false, reason: "missing" };
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: "bad_timestamp" };
  if (Math.abs(input.now.getTime() - Number(timestamp)) > (input.maxSkewMs ?? MAX_SKEW_MS)) {
    return { ok: false, reason: "expired" };
  }
  const expected = Buffer.from(dingtalkSign(timestamp, appSecret), "utf8");
  const given = Buffer.from(sign, "utf8");
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "bad_sign" };
  return { ok: true };
}
