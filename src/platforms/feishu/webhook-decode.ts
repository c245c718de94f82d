// One webhook request → what to do with it, as a pure function (clock passed in): verify the
// signature, decrypt, answer the url_verification challenge, check the verification token and the
// app id. Anything wrong is a 4xx and no action — unlike the SDK's adapter, which answers 200 with
// an empty body on a bad signature.
// Card buttons come as `card.action.trigger` events (schema 2.0, signed like every event). An app
// still configured with the old 消息卡片请求网址 sends its own kind of request to this URL: no
// schema, the action at the root ({open_id, open_message_id, token, action:{value, tag}}), signed
// with sha1(timestamp + nonce + verification token + body) — 40 hex digits instead of sha256's 64.
// It is refused with a 400 that says so, instead of a puzzling "signature mismatch".
import { createHash, timingSafeEqual } from "node:crypto";
import { challengeSchema, envelopeSchema, type Envelope } from "./payload.js";
import { decryptPayload, verifySignature } from "./verify.js";

export interface WebhookSecrets {
  appId: string;
  /** Set in the developer console ("Encrypt Key"): bodies are encrypted and signed. */
  encryptKey?: string;
  /** "Verification Token": echoed in every event header. */
  verificationToken?: string;
}

export interface WebhookRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

export type WebhookDecision =
  | { kind: "challenge"; challenge: string }
  | { kind: "event"; envelope: Envelope }
  | { kind: "reject"; status: 400 | 401 | 403; reason: string };

const header = (h: WebhookRequest["headers"], name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

export function decodeWebhook(req: WebhookRequest, secrets: WebhookSecrets, now: Date): WebhookDecision {
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody.toString("utf8"));
  } catch {
    return { kind: "reject", status: 400, reason: "body is not JSON" };
  }
  if (typeof body !== "object" || body === null) return { kind: "reject", status: 400, reason: "body is not an object" };

  const signature = header(req.headers, "x-lark-signature");
  if ((signature !== undefined && /^[0-9a-f]{40}$/i.test(signature)) || isLegacyCardCallback(body)) {
    return { kind: "reject", status: 400, reason: LEGACY_CARD_CALLBACK };
  }
  let signed = false;
  if (secrets.encryptKey && signature !== undefined) {
    const check = verifySignature(
      {
        timestamp: header(req.headers, "x-lark-request-timestamp"),
        nonce: header(req.headers, "x-lark-request-nonce"),
        signature,
        rawBody: req.rawBody,
      },
      secrets.encryptKey,
      now,
    );
    if (!check.ok) return { kind: "reject", status: 401, reason: `signature ${check.reason}` };
    signed = true;
  }

  let payload: unknown = body;
  if ("encrypt" in body) {
    if (!secrets.encryptKey) return { kind: "reject", status: 400, reason: "encrypted body but no encrypt key set" };
    try {
      payload = JSON.parse(decryptPayload(secrets.encryptKey, String((body as { encrypt: unknown }).encrypt)));
    } catch {
      return { kind: "reject", status: 400, reason: "cannot decrypt body" };
    }
  }

  if (isLegacyCardCallback(payload)) return { kind: "reject", status: 400, reason: LEGACY_CARD_CALLBACK };
  const challenge = challengeSchema.safeParse(payload);
  if (challenge.success) {
    // The console's URL check comes unsigned; decrypting it with our key or a matching token proves it.
    if (!tokenMatches(challenge.data.token, secrets)) return { kind: "reject", status: 401, reason: "verification token" };
    return { kind: "challenge", challenge: challenge.data.challenge };
  }

  if (secrets.encryptKey && !signed) return { kind: "reject", status: 401, reason: "signature missing" };
  const envelope = envelopeSchema.safeParse(payload);
  if (!envelope.success) return { kind: "reject", status: 400, reason: "not a schema 2.0 event" };
  if (!tokenMatches(envelope.data.header.token, secrets)) return { kind: "reject", status: 401, reason: "verification token" };
  if (envelope.data.header.app_id && envelope.data.header.app_id !== secrets.appId) {
    return { kind: "reject", status: 403, reason: "event for another app" };
  }
  return { kind: "event", envelope: envelope.data };
}

export const LEGACY_CARD_CALLBACK =
  "old message-card callback (消息卡片请求网址: no schema, sha1-signed): subscribe to card.action.trigger under 事件与回调 → 回调配置 and clear the card request URL";

/** The old card callback's body: no schema, no header, the action and the card's message id at the root. */
function isLegacyCardCallback(body: unknown): boolean {
  if (typeof body !== "object" || body === null) return false;
  const b = body as Record<string, unknown>;
  return !("schema" in b) && !("encrypt" in b) && typeof b.action === "object" && b.action !== null && "open_message_id" in b;
}

/** Constant-time: digests of equal length, so neither the content nor the length leaks by timing. */
function tokenMatches(token: string | undefined, secrets: WebhookSecrets): boolean {
  if (!secrets.verificationToken) return true;
  if (token === undefined) return false;
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(token), digest(secrets.verificationToken));
}
