// Every setting, read once from the environment and validated. Nothing else reads process.env.
import path from "node:path";
import { z } from "zod";
import cron from "node-cron";
import { CHINESE_MESSAGES, issueLines } from "./zod-issues.js";

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));
const isoTime = optional.refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), {
  message: "需要 ISO 时间，例如 2021-11-15T10:00:00+08:00",
});

/** `{"<feishu department id>": "<section code>"}` — Feishu contact departments → our sections. */
const departmentMapSchema = z.record(z.string().trim().min(1), z.string().trim().min(1, "科室代码不能为空"));
const departmentMap = optional.transform((v, ctx): Record<string, string> | undefined => {
  if (v === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(v);
  } catch {
    ctx.addIssue({ code: "custom", message: '不是 JSON；应为 {"<飞书部门 id>": "<科室代码>", …}' });
    return z.NEVER;
  }
  const parsed = departmentMapSchema.safeParse(json);
  if (!parsed.success) {
    ctx.addIssue({ code: "custom", message: '应为 JSON 对象 {"<飞书部门 id>": "<科室代码>", …}，值不能为空' });
    return z.NEVER;
  }
  return Object.keys(parsed.data).length ? parsed.data : undefined;
});

const schema = z.object({
  NODE_ENV: optional,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: optional.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: "须以 postgres:// 或 postgresql:// 开头",
  }),
  DATA_DIR: z.string().default("./var/db"),
  BOT_NOW: isoTime,
  /** The goal table and org chart loaded on start (when not yet loaded). */
  CATALOG_FILE: z.string().default("data/goal-table-2021.json"),
  ORG_FILE: z.string().default("data/org-chart.json"),
  /** Demo people of a demo org chart (data/org-chart.json): by default only while no messenger is configured. */
  DEMO_USERS: z.enum(["auto", "on", "off"]).default("auto"),
  /** Local web chat: on by default only while no messenger is configured. */
  WEB_CHAT: z.enum(["auto", "on", "off"]).default("auto"),
  // Optional LLM fallback (OpenAI-compatible chat completions); off unless LLM_BASE_URL is set.
  LLM_BASE_URL: optional,
  LLM_MODEL: optional,
  LLM_API_KEY: optional,
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(8000),
  // Feishu / Lark
  FEISHU_APP_ID: optional,
  FEISHU_APP_SECRET: optional,
  FEISHU_MODE: z.enum(["ws", "webhook"]).default("ws"),
  FEISHU_ENCRYPT_KEY: optional,
  FEISHU_VERIFICATION_TOKEN: optional,
  /** "1": webhook mode without encrypt key or verification token — local experiments only. */
  FEISHU_WEBHOOK_INSECURE: z.enum(["0", "1"]).default("0"),
  FEISHU_DOMAIN: optional,
  FEISHU_DEPARTMENT_MAP: departmentMap,
  /** Send limits [doc]: 50 messages/s per app, 5/s per user or chat (shared by all instances). */
  FEISHU_QPS: z.coerce.number().positive().default(50),
  FEISHU_USER_QPS: z.coerce.number().positive().default(5),
  // DingTalk
  DINGTALK_CLIENT_ID: optional,
  DINGTALK_CLIENT_SECRET: optional,
  DINGTALK_ROBOT_CODE: optional,
  DINGTALK_MODE: z.enum(["stream", "http"]).default("stream"),
  DINGTALK_API_BASE: optional,
  /** JSON {"DingTalk dept_id": "section code"}: unknown staff in a mapped department are bound (users/directory.ts). */
  DINGTALK_DEPARTMENT_MAP: departmentMap,
  /** DingTalk standard edition: 20 calls/s per app per API (专业版 40, 专属版 60). */
  DINGTALK_QPS: z.coerce.number().positive().default(20),
  // Outbox: how long a message is retried before it counts as failed (e.g. 6h, 90m, 3600s).
  OUTBOX_RETRY_HORIZON: z
    .string()
    .default("6h")
    .transform((v, ctx) => {
      const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)\s*$/.exec(v);
      if (!m) {
        ctx.addIssue({ code: "custom", message: "需要时长，例如 6h、90m 或 3600s" });
        return z.NEVER;
      }
      return Math.round(Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as "ms" | "s" | "m" | "h"]);
    }),
  // Dashboard and download links (issue 14): the links' base (https://jx.example.gov.cn; default
  // http://127.0.0.1:PORT) and the HMAC key they are signed with (generated into DATA_DIR when unset).
  PUBLIC_URL: optional.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), { message: "must be an http(s) URL such as https://jx.example.gov.cn" }),
  DASHBOARD_SECRET: optional.refine((v) => v === undefined || v.length >= 32, { message: "must be at least 32 characters" }),
  // Reminders
  REMINDERS: z.enum(["on", "off"]).default("on"),
  // Checked here, with every other setting, before the database is opened or migrated.
  REMINDER_CRON: z
    .string()
    .default("* * * * *")
    .refine((v) => cron.validate(v), { message: '不是有效的 cron 表达式（五段，如 "* * * * *" 每分钟、"0 9 * * 1-5" 工作日9点）' }),
});

export type Env = z.infer<typeof schema>;

export interface Config extends Env {
  dataDir: string;
  feishuEnabled: boolean;
  dingtalkEnabled: boolean;
  webChatEnabled: boolean;
  llmEnabled: boolean;
  /** The demo org chart's people (and their guessable messenger ids) are loaded. */
  demoUsersEnabled: boolean;
  /** Feishu webhook events are accepted unsigned and without token (FEISHU_WEBHOOK_INSECURE=1). */
  feishuWebhookInsecure: boolean;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env, CHINESE_MESSAGES);
  if (!parsed.success) {
    // Never the value itself: a setting may be a secret (describeIssues names the setting and the rule).
    throw new ConfigError(`设置有误——${issueLines(parsed.error, { separator: "：" }).join("；")}`);
  }
  const e = parsed.data;
  const feishuEnabled = Boolean(e.FEISHU_APP_ID && e.FEISHU_APP_SECRET);
  const dingtalkEnabled = Boolean(e.DINGTALK_CLIENT_ID && e.DINGTALK_CLIENT_SECRET);
  if ((e.FEISHU_APP_ID && !e.FEISHU_APP_SECRET) || (!e.FEISHU_APP_ID && e.FEISHU_APP_SECRET)) {
    throw new ConfigError("设置有误——FEISHU_APP_ID 与 FEISHU_APP_SECRET 须同时设置");
  }
  if ((e.DINGTALK_CLIENT_ID && !e.DINGTALK_CLIENT_SECRET) || (!e.DINGTALK_CLIENT_ID && e.DINGTALK_CLIENT_SECRET)) {
    throw new ConfigError("设置有误——DINGTALK_CLIENT_ID 与 DINGTALK_CLIENT_SECRET 须同时设置");
  }
  const feishuWebhook = feishuEnabled && e.FEISHU_MODE === "webhook";
  const feishuUnverified = feishuWebhook && !e.FEISHU_ENCRYPT_KEY && !e.FEISHU_VERIFICATION_TOKEN;
  if (feishuUnverified && e.FEISHU_WEBHOOK_INSECURE !== "1") {
    // Without either, anyone who finds the URL can post events as any user.
    throw new ConfigError(
      "设置有误——FEISHU_MODE=webhook 需要 FEISHU_ENCRYPT_KEY 或 FEISHU_VERIFICATION_TOKEN（都在应用的 事件与回调 → 加密策略 页面）；FEISHU_WEBHOOK_INSECURE=1 会接受未经验证的事件，只可用于本机试验",
    );
  }
  const noMessenger = !feishuEnabled && !dingtalkEnabled;
  if (Boolean(e.LLM_BASE_URL) !== Boolean(e.LLM_MODEL)) {
    throw new ConfigError("设置有误——LLM_BASE_URL 与 LLM_MODEL 须同时设置（只设其一时大模型兜底不会启用）");
  }
  return {
    ...e,
    demoUsersEnabled: e.DEMO_USERS === "on" || (e.DEMO_USERS === "auto" && noMessenger),
    feishuWebhookInsecure: feishuUnverified,
    dataDir: e.DATA_DIR.startsWith("memory://") ? e.DATA_DIR : path.resolve(e.DATA_DIR),
    feishuEnabled,
    dingtalkEnabled,
    webChatEnabled: e.WEB_CHAT === "on" || (e.WEB_CHAT === "auto" && !feishuEnabled && !dingtalkEnabled),
    llmEnabled: Boolean(e.LLM_BASE_URL && e.LLM_MODEL),
  };
}

/** Every secret value in the settings, for the logger to mask (logger.ts); the database password too. */
export function secretValues(c: Env): string[] {
  const values = [c.FEISHU_APP_SECRET, c.FEISHU_ENCRYPT_KEY, c.FEISHU_VERIFICATION_TOKEN, c.DINGTALK_CLIENT_SECRET, c.LLM_API_KEY, c.DASHBOARD_SECRET];
  if (c.DATABASE_URL) {
    try {
      values.push(decodeURIComponent(new URL(c.DATABASE_URL).password) || undefined);
    } catch {
      // validated as postgres:// already; an unparsable one has no password to hide
    }
  }
  return values.filter((v): v is string => Boolean(v));
}
