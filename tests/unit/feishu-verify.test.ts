import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { decodeWebhook, LEGACY_CARD_CALLBACK } from "../../src/platforms/feishu/webhook-decode.js";
import { envelope, legacyCardCallback, messageEvent } from "../fixtures/feishu-events.js";
import { decryptPayload, encryptPayload, signatureOf, verifySignature } from "../../src/platforms/feishu/verify.js";

const now = new Date("2024-05-01T08:00:00Z");
const ts = String(now.getTime() / 1000);

describe("feishu decryption", () => {
  it("decrypts the published vector", () => {
    expect(decryptPayload("test key", "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=")).toBe("hello world");
  });
  it("round-trips and refuses a wrong key", () => {
    const enc = encryptPayload("k1", '{"a":"中文"}');
    expect(decryptPayload("k1", enc)).toBe('{"a":"中文"}');
    expect(() => decryptPayload("k2", enc)).toThrow();
    expect(() => decryptPayload("k1", "bm90IGVuY3J5cHRlZA==")).toThrow();
  });

  it("refuses a wrong key on every IV (padding that happens to be valid is not enough)", () => {
    for (let i = 0; i < 2000; i++) {
      const enc = encryptPayload("k1", '{"a":"中文"}');
      expect(() => decryptPayload("k2", enc)).toThrow();
    }
  });
});

describe("feishu signature", () => {
  const raw = Buffer.from('{ "encrypt": "abc" }'); // spaced: as Feishu may send it
  const sig = signatureOf(ts, "n1", "key", raw);

  it("accepts the signature of the raw bytes, and of the SDK's JSON.stringify", () => {
    expect(verifySignature({ timestamp: ts, nonce: "n1", signature: sig, rawBody: raw }, "key", now)).toEqual({ ok: true });
    const sdkSig = signatureOf(ts, "n1", "key", JSON.stringify(JSON.parse(raw.toString())));
    expect(verifySignature({ timestamp: ts, nonce: "n1", signature: sdkSig, rawBody: raw }, "key", now).ok).toBe(true);
  });
  it.each([
    ["wrong key", { signature: sig }, "other", now, "mismatch"],
    ["other nonce", { signature: sig, nonce: "n2" }, "key", now, "mismatch"],
    ["no signature", { signature: undefined }, "key", now, "missing"],
    ["two hours late", { signature: sig }, "key", new Date(now.getTime() + 2 * 3600_000), "stale"],
  ] as const)("refuses %s", (_n, change, key, at, reason) => {
    const req = { timestamp: ts, nonce: "n1", rawBody: raw, ...change };
    expect(verifySignature(req, key, at)).toEqual({ ok: false, reason });
  });
});

describe("decodeWebhook", () => {
  const secrets = { appId: "cli_a1b2c3d4e5f60718", encryptKey: "ek", verificationToken: "vt" };
  const event = envelope(messageEvent({ message_type: "text", content: { text: "你好" } }, { openId: "ou_1" }), {
    eventType: "im.message.receive_v1",
    token: "vt",
    appId: secrets.appId,
    eventId: "e1",
  });
  const signed = (payload: object, key = "ek") => {
    const rawBody = Buffer.from(JSON.stringify({ encrypt: encryptPayload(key, JSON.stringify(payload)) }));
    const headers = { "x-lark-request-timestamp": ts, "x-lark-request-nonce": "n", "x-lark-signature": signatureOf(ts, "n", key, rawBody) };
    return { headers, rawBody };
  };

  const legacyCard = () => {
    const rawBody = Buffer.from(JSON.stringify(legacyCardCallback({ openId: "ou_1", value: { action: "confirm", token: "t" }, messageId: "om_1" })));
    const sha1 = createHash("sha1").update(ts + "n" + "vt" + rawBody.toString()).digest("hex");
    return { headers: { "x-lark-request-timestamp": ts, "x-lark-request-nonce": "n", "x-lark-signature": sha1 }, rawBody };
  };
  it("names the old message-card request URL as the cause", () => {
    expect(decodeWebhook(legacyCard(), secrets, now)).toEqual({ kind: "reject", status: 400, reason: LEGACY_CARD_CALLBACK });
  });

  it("accepts a signed, encrypted event", () => {
    expect(decodeWebhook(signed(event), secrets, now)).toMatchObject({ kind: "event", envelope: { header: { event_id: "e1" } } });
  });
  it("answers the (unsigned, encrypted) url_verification challenge", () => {
    const rawBody = Buffer.from(JSON.stringify({ encrypt: encryptPayload("ek", '{"type":"url_verification","challenge":"c1","token":"vt"}') }));
    expect(decodeWebhook({ headers: {}, rawBody }, secrets, now)).toEqual({ kind: "challenge", challenge: "c1" });
  });
  it.each([
    ["a forged signature", () => ({ ...signed(event), headers: { ...signed(event).headers, "x-lark-signature": "0".repeat(64) } }), 401],
    ["an unsigned event", () => ({ ...signed(event), headers: {} }), 401],
    ["another key's ciphertext", () => { const s = signed(event, "other"); return { ...s, headers: { ...s.headers, "x-lark-signature": signatureOf(ts, "n", "ek", s.rawBody) } }; }, 400],
    ["a wrong verification token", () => signed({ ...event, header: { ...event.header, token: "x" } }), 401],
    ["a verification token of the same length", () => signed({ ...event, header: { ...event.header, token: "vu" } }), 401],
    ["a missing verification token", () => signed({ ...event, header: { ...event.header, token: undefined } }), 401],
    ["a challenge with a wrong token", () => ({ headers: {}, rawBody: Buffer.from(JSON.stringify({ encrypt: encryptPayload("ek", '{"type":"url_verification","challenge":"c1","token":"vT"}') })) }), 401],
    ["another app's event", () => signed({ ...event, header: { ...event.header, app_id: "cli_0000000000000000" } }), 403],
    ["a body that is not JSON", () => ({ headers: {}, rawBody: Buffer.from("<xml/>") }), 400],
    ["a schema 1.0 event", () => signed({ token: "vt", type: "event_callback", event: {} }), 400],
    ["an old message-card callback (sha1-signed, schema-less)", () => legacyCard(), 400],
    ["an old message-card callback, encrypted", () => signed(legacyCardCallback({ openId: "ou_1", value: { action: "confirm", token: "t" }, messageId: "om_1" })), 400],
  ] as const)("refuses %s", (_n, make, status) => {
    expect(decodeWebhook(make(), secrets, now)).toMatchObject({ kind: "reject", status });
  });
});
