// What must never reach a log line: app secrets, access tokens, encrypt keys, API keys (issue 10
// item 10). The Lark SDK logs a failed token fetch as [{message, config:{data:'{"app_id":…,
// "app_secret":…}', url}, …}] (node-sdk lib/index.js formatErrors), axios errors carry the request
// config and headers (Authorization: Bearer …), DingTalk's token call posts {appKey, appSecret}.
// Three layers, used by logger.ts:
//  1. pino `redact` paths for the known places (REDACT_PATHS);
//  2. scrubValue(): a deep copy with secret-named keys censored, axios `config`/`request`/headers
//     dropped, JSON-in-a-string parsed and scrubbed, "Bearer …" and "secret=…" patterns censored —
//     the err serializer and the log formatter;
//  3. maskSecrets(): the configured secret values replaced in the finished line, whatever carried them.
export const CENSOR = "[redacted]";

const SECRET_KEY =
  /^(app_?secret|client_?secret|secret|password|passwd|(access_|refresh_|tenant_access_|app_access_|user_access_)?token|accesstoken|encrypt_?key|verification_?token|api_?key|authorization|proxy-authorization|cookie|set-cookie|x-acs-dingtalk-access-token|sign)$/i;
/** Request plumbing that holds credentials and is never useful in a log. */
const DROPPED = new Set(["config", "request", "headers", "_header", "socket", "agent"]);

export const REDACT_PATHS = [
  "appSecret", "app_secret", "clientSecret", "client_secret", "token", "accessToken", "access_token", "encryptKey", "apiKey",
  "*.appSecret", "*.app_secret", "*.clientSecret", "*.client_secret", "*.token", "*.accessToken", "*.access_token", "*.encryptKey", "*.apiKey",
  "headers.authorization", "*.headers.authorization", "err.config", "err.request", "err.response.config", "err.response.request",
];

const TEXT_PATTERNS: Array<[RegExp, string]> = [
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, `$1${CENSOR}`],
  // "app_secret":"…", app_secret=…, \"appSecret\":\"…\" (JSON inside a JSON string)
  [
    /((?:\\?")?(?:app_?secret|client_?secret|password|(?:tenant_|app_|user_)?access_?token|encrypt_?key|verification_?token|api_?key)(?:\\?")?\s*[:=]\s*)(\\?"(?:[^"\\]|\\[^"])*\\?"|[^\s&,}"]+)/gi,
    `$1"${CENSOR}"`,
  ],
];

/** `s` with bearer tokens and key=value / "key":"value" secrets censored. */
export function scrubText(s: string): string {
  let out = s;
  for (const [re, to] of TEXT_PATTERNS) out = out.replace(re, to);
  return out;
}

/** An Error as a plain object: type, message, code, status and its own safe fields, scrubbed. */
export function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return scrubValue(err);
  const e = err as Error & Record<string, unknown>;
  const out: Record<string, unknown> = { type: e.name, message: scrubText(e.message), stack: e.stack ? scrubText(e.stack) : undefined };
  for (const [k, v] of Object.entries(e)) {
    if (k === "config" && v && typeof v === "object") {
      // Which call failed is worth knowing; its headers and body are not (credentials).
      const c = v as Record<string, unknown>;
      out.request = { method: c.method, url: typeof c.url === "string" ? c.url.split("?")[0] : undefined };
      continue;
    }
    if (k in out || DROPPED.has(k)) continue;
    if (k === "response" && v && typeof v === "object") {
      const r = v as Record<string, unknown>;
      out.response = { status: r.status, data: scrubValue(r.data) };
      continue;
    }
    out[k] = SECRET_KEY.test(k) ? CENSOR : scrubValue(v);
  }
  if (e.cause !== undefined) out.cause = serializeError(e.cause);
  return out;
}

/** A deep copy safe to log (see the header). Cycles and depth beyond 8 become "[…]". */
export function scrubValue(v: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof v === "string") return scrubString(v);
  if (v === null || typeof v !== "object") return v;
  if (v instanceof Error) return serializeError(v);
  if (v instanceof Date || Buffer.isBuffer(v)) return v instanceof Date ? v : `[${v.length} bytes]`;
  if (depth > 8 || seen.has(v)) return "[…]";
  seen.add(v);
  if (Array.isArray(v)) return v.map((x) => scrubValue(x, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (DROPPED.has(k)) continue;
    out[k] = SECRET_KEY.test(k) ? CENSOR : scrubValue(x, depth + 1, seen);
  }
  return out;
}

function scrubString(s: string): string {
  const t = s.trim();
  if ((t.startsWith("{") && t.endsWith("}")) || (t.startsWith("[") && t.endsWith("]"))) {
    try {
      return JSON.stringify(scrubValue(JSON.parse(t)));
    } catch {
      // not JSON after all: fall through to the patterns
    }
  }
  return scrubText(s);
}

/** The finished line with every configured secret value (≥ 6 characters) replaced. */
export function maskSecrets(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(CENSOR);
  return out;
}
