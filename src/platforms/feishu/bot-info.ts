// The bot's own open_id, so that a group message counts as addressed to us only when it @-mentions
// the bot (not when it @-mentions someone else). GET /open-apis/bot/v3/info (no SDK wrapper;
// client.request) → {code:0, bot:{open_id, app_name, activate_status, …}}.
import { z } from "zod";
import type { Logger } from "../../logger.js";
import type { FeishuApi } from "./api.js";

const botInfoSchema = z.object({ code: z.literal(0), bot: z.object({ open_id: z.string().min(1), app_name: z.string().optional() }) });

export async function fetchBotInfo(api: FeishuApi, timeoutMs = 5_000): Promise<{ openId: string; appName?: string }> {
  const res = await api.call("bot/v3/info", (client) =>
    client.request<{ code?: number; msg?: string }>({ method: "GET", url: "/open-apis/bot/v3/info", timeout: timeoutMs }),
  );
  const parsed = botInfoSchema.safeParse(res);
  if (!parsed.success) throw new Error("bot/v3/info: answer without bot.open_id");
  return { openId: parsed.data.bot.open_id, appName: parsed.data.bot.app_name };
}

export interface BotIdentity {
  /** The bot's open_id once known; undefined → any @-mention in a group counts (the fallback). */
  openId(): string | undefined;
  /** Tries once (waits at most ~timeoutMs); on failure warns and keeps trying in the background. */
  start(): Promise<void>;
  stop(): void;
}

export function createBotIdentity(o: { api: FeishuApi; log: Logger; retryEveryMs?: number; timeoutMs?: number }): BotIdentity {
  let openId: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let warned = false;

  async function attempt(): Promise<void> {
    try {
      const info = await fetchBotInfo(o.api, o.timeoutMs);
      openId = info.openId;
      o.log.info({ botOpenId: info.openId, appName: info.appName }, "feishu bot identity known: groups need an @ of this bot");
    } catch (err) {
      if (!warned) {
        o.log.warn(
          { err: (err as Error).message },
          "feishu bot info (GET /open-apis/bot/v3/info) not available: in groups any @-mention counts until it is",
        );
        warned = true;
      }
      if (!stopped) {
        timer = setTimeout(() => void attempt(), o.retryEveryMs ?? 60_000);
        timer.unref();
      }
    }
  }

  return {
    openId: () => openId,
    async start() {
      // The token fetch inside has no timeout of its own: never hold the start longer than this.
      const waited = new Promise<void>((r) => setTimeout(r, (o.timeoutMs ?? 5_000) + 1_000).unref());
      await Promise.race([attempt(), waited]);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
