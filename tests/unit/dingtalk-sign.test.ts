import { describe, expect, it } from "vitest";
import { dingtalkSign, verifyDingTalkSign } from "../../src/platforms/dingtalk/verify.js";

// Computed independently: printf '1577262236757\nsecret-abc' | openssl dgst -sha256 -hmac 'secret-abc' -binary | base64
const VECTOR = { timestamp: "1577262236757", secret: "secret-abc", sign: "iUV2ObR9cTMepvBZm4qGK+zkBP5TZiY1TGITDTYjJKw=" };
const at = (ms: number) => new Date(Number(VECTOR.timestamp) + ms);

describe("DingTalk callback signature", () => {
  it("matches the HMAC-SHA256 computed by openssl", () => {
    expect(dingtalkSign(VECTOR.timestamp, VECTOR.secret)).toBe(VECTOR.sign);
  });

  it("accepts a correct sign within the hour", () => {
    const input = { timestamp: VECTOR.timestamp, sign: VECTOR.sign, appSecret: VECTOR.secret };
    expect(verifyDingTalkSign({ ...input, now: at(0) })).toEqual({ ok: true });
    expect(verifyDingTalkSign({ ...input, now: at(59 * 60_000) })).toEqual({ ok: true });
    expect(verifyDingTalkSign({ ...input, now: at(-59 * 60_000) })).toEqual({ ok: true });
  });

  it("refuses a timestamp more than one hour off, either way", () => {
    const input = { timestamp: VECTOR.timestamp, sign: VECTOR.sign, appSecret: VECTOR.secret };
    expect(verifyDingTalkSign({ ...input, now: at(60 * 60_000 + 1) })).toEqual({ ok: false, reason: "expired" });
    expect(verifyDingTalkSign({ ...input, now: at(-60 * 60_000 - 1) })).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a forged sign, another secret, and missing or malformed headers", () => {
    const now = at(0);
    expect(verifyDingTalkSign({ timestamp: VECTOR.timestamp, sign: VECTOR.sign, appSecret: "other", now }).ok).toBe(false);
    expect(verifyDingTalkSign({ timestamp: VECTOR.timestamp, sign: "AAAA", appSecret: VECTOR.secret, now })).toEqual({ ok: false, reason: "bad_sign" });
    expect(verifyDingTalkSign({ timestamp: "1577262236758", sign: VECTOR.sign, appSecret: VECTOR.secret, now })).toEqual({ ok: false, reason: "bad_sign" });
    expect(verifyDingTalkSign({ timestamp: undefined, sign: VECTOR.sign, appSecret: VECTOR.secret, now })).toEqual({ ok: false, reason: "missing" });
    expect(verifyDingTalkSign({ timestamp: "12e5", sign: VECTOR.sign, appSecret: VECTOR.secret, now })).toEqual({ ok: false, reason: "bad_timestamp" });
  });
});
