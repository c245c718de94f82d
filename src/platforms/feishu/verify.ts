// Feishu webhook verification as pure functions (the clock is a parameter), checked against the
// platform's published vector in tests/unit/feishu-verify.test.ts.
//   Signature (sent only when an Encrypt Key is configured):
//     X-Lark-Signature = sha256_hex(X-Lark-Request-Timestamp + X-Lark-Request-Nonce + encryptKey + body)
//   Feishu signs the raw body bytes; the official SDK instead hashes JSON.stringify(parsed body),
//   so senders that copied the SDK sign the compact re-serialisation. Both are accepted.
//   Encryption: {"encrypt": base64}; AES-256-CBC, key = sha256(encryptKey), IV = the first 16 bytes
//   of the decoded value, PKCS7 padding.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** Timestamps further than this from our clock are refused (replays of captured requests). */
export const MAX_TIMESTAMP_SKEW_MS = 60 * 60 * 1000;

export function signatureOf(timestamp: string, nonce: string, encryptKey: string, body: string | Buffer): string {
  return createHash("sha256").update(timestamp + nonce + encryptKey).update(body).digest("hex");
}

export type SignatureCheck = { ok: true } | { ok: false; reason: "missing" | "stale" | "mismatch" };

export interface SignedRequest {
  timestamp?: string;
  nonce?: string;
  signature?: string;
  rawBody: Buffer;
}

export function verifySignature(req: SignedRequest, encryptKey: string, now: Date): SignatureCheck {
  const { timestamp, nonce, signature, rawBody } = req;
  if (!timestamp || !nonce || !signature) return { ok: false, reason: "missing" };
  const sentAt = Number(timestamp) * 1000;
  if (!Number.isFinite(sentAt) || Math.abs(now.getTime() - sentAt) > MAX_TIMESTAMP_SKEW_MS) {
    return { ok: false, reason: "stale" };
  }
  if (sameHex(signatureOf(timestamp, nonce, encryptKey, rawBody), signature)) return { ok: true };
  const reserialised = reserialise(rawBody);
  if (reserialised !== undefined && sameHex(signatureOf(timestamp, nonce, encryptKey, reserialised), signature)) {
    return { ok: true };
  }
  return { ok: false, reason: "mismatch" };
}

/** Decrypts an `encrypt` value; throws on a wrong key or a damaged value. */
export function decryptPayload(encryptKey: string, encrypted: string): string {
  const key = createHash("sha256").update(encryptKey).digest();
  const data = Buffer.from(encrypted, "base64");
  if (data.length < 32 || data.length % 16 !== 0) throw new Error("encrypted payload has a wrong length");
  const decipher = createDecipheriv("aes-256-cbc", key, data.subarray(0, 16));
  // Strict UTF-8: a wrong key still yields valid PKCS#7 padding about once in 256 tries; the bytes
  // are then garbage, refused here rather than passed on as text.
  return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]));
}

/** The inverse of decryptPayload (what Feishu does); used by tests, fakes and the bench. */
export function encryptPayload(encryptKey: string, plaintext: string, iv: Buffer = randomBytes(16)): string {
  const key = createHash("sha256").update(encryptKey).digest();
  const cipher = createCipheriv("aes-256-cbc", key, iv);
  return Buffer.concat([iv, cipher.update(plaintext, "utf8"), cipher.final()]).toString("base64");
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b.toLowerCase(), "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

function reserialise(rawBody: Buffer): string | undefined {
  try {
    return JSON.stringify(JSON.parse(rawBody.toString("utf8")));
  } catch {
    return undefined;
  }
}
