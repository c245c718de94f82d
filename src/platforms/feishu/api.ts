// Construction of the official SDK's objects in one place. The SDK's token cache is module-wide
// and keyed by appId unless a cache is passed, so each client gets its own DefaultCache (two apps
// or two tests in one process would otherwise share tokens). SDK logs go to our pino logger one
// level down: the SDK logs every failed request as an error, and the sender decides what matters.
import * as lark from "@larksuiteoapi/node-sdk";
import type { Logger } from "../../logger.js";
import { scrubValue } from "../../log-redact.js";
import { checkBody, classifyThrown, TokenInvalidError } from "./api-errors.js";

export interface FeishuCredentials {
  appId: string;
  appSecret: string;
  /** Base URL; default https://open.feishu.cn (Lark: https://open.larksuite.com; tests: a fake). */
  domain?: string;
}

/**
 * The SDK's logger → ours, one level down. The SDK logs failed requests as the axios error's
 * config (its `data` holds app_secret on the token call): every argument is scrubbed before it
 * becomes text (log-redact.ts), never stringified raw.
 */
export function sdkLogger(log: Logger): lark.Logger {
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === "string" ? m : safeJson(scrubValue(m)))).join(" ");
  return {
    error: (...m: unknown[]) => log.warn(text(m)),
    warn: (...m: unknown[]) => log.info(text(m)),
    info: (...m: unknown[]) => log.debug(text(m)),
    debug: (...m: unknown[]) => log.trace(text(m)),
    trace: (...m: unknown[]) => log.trace(text(m)),
  };
}

export function createLarkClient(c: FeishuCredentials, log: Logger): { client: lark.Client; cache: lark.DefaultCache } {
  const cache = new lark.DefaultCache();
  const client = new lark.Client({
    appId: c.appId,
    appSecret: c.appSecret,
    domain: c.domain ?? lark.Domain.Feishu,
    cache,
    logger: sdkLogger(log),
    loggerLevel: lark.LoggerLevel.warn,
  });
  return { client, cache };
}

/** One app's Open API client, shared by the sender and the channel (one token cache per app). */
export interface FeishuApi {
  client: lark.Client;
  /** Runs `call`; when Feishu refuses the cached token (99991663/99991677) drops it and tries once more. */
  withFreshToken<T>(call: () => Promise<T>): Promise<T>;
  /**
   * The one way an Open API call is made: `call` with a fresh token, a thrown SDK/axios error and a
   * body with `code != 0` both turned into RetryableError / OutcomeUnknownError / PermanentError
   * through the table of documented answers (api-errors.ts). `what` names the call in errors.
   */
  call<T extends { code?: number; msg?: string }>(what: string, call: (client: lark.Client) => Promise<T>): Promise<T>;
}

export function createFeishuApi(c: FeishuCredentials, log: Logger): FeishuApi {
  const { client, cache } = createLarkClient(c, log);
  const api: FeishuApi = {
    client,
    call(what, call) {
      return api.withFreshToken(async () => {
        let body;
        try {
          body = await call(client);
        } catch (err) {
          throw classifyThrown(err, what);
        }
        checkBody(body, what);
        return body;
      });
    },
    async withFreshToken(call) {
      try {
        return await call();
      } catch (err) {
        if (!(err instanceof TokenInvalidError)) throw err;
        // The SDK keeps using a token Feishu refused; drop it and try once more.
        log.info("feishu refused the cached tenant_access_token; fetching a new one");
        await forgetTenantToken(cache, c.appId);
        return call();
      }
    },
  };
  return api;
}

/** Forget the cached tenant_access_token, so the next call fetches a new one (the SDK does not on 99991663). */
export async function forgetTenantToken(cache: lark.DefaultCache, appId: string): Promise<void> {
  await cache.set(lark.CTenantAccessToken, "", 1, { namespace: appId });
}

function safeJson(v: unknown): string {
  if (v instanceof Error) return v.message;
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
