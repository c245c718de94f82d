// Every setting, read once from the environment and validated. Nothing else reads process.env.
import path from "node:path";
import { z } from "zod";
import cron from "node-cron";

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));
const isoTime = optional.refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), {
  message: "must be an ISO time such as 2021-11-15T10:00:00+08:00",
});

/** `{"<feishu department id>": "<section code>"}` — Feishu contact departments → our sections. */
const departmentMapSchema = z.record(z.string().trim().min(1), z.string().trim().min(1, "section codes must not be empty"));
const departmentMap = optional.transform((v, ctx): Record<string, string> | undefined => {
  if (v === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(v);
  } catch {
    ctx.addIssue({ code: "custom", message: 'is not JSON; expected {"<feishu department id>": "<section code>", …}' });
    return z.NEVER;
  }
  const parsed = departmentMapSchema.safeParse(json);
  if (!parsed.success) {
    ctx.addIssue({ code: "custom", message: 'must be a JSON object {"<feishu department id>": "<section code>", …} of non-empty strings' });
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
    message: "must start with postgres:// or postgresql://",
  }),
  DATA_DIR: z.string().default("./var/db"),
  BOT_NOW: isoTime,
  /** The goal table and org chart loaded on start (when not yet loaded). */
  CATALOG_FILE: z.string().default("data/goal-table-2021.json"),
  ORG_FILE: z.string().default("data/org-chart.json"),
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
  FEISHU_DOMAIN: optional,
  FEISHU_DEPARTMENT_MAP: departmentMap,
  // DingTalk
  DINGTALK_CLIENT_ID: optional,
  DINGTALK_CLIENT_SECRET: optional,
  DINGTALK_ROBOT_CODE: optional,
  DINGTALK_MODE: z.enum(["stream", "http"]).default("stream"),
  DINGTALK_API_BASE: optional,
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
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`invalid settings — ${lines.join("; ")}`);
  }
  const e = parsed.data;
  const feishuEnabled = Boolean(e.FEISHU_APP_ID && e.FEISHU_APP_SECRET);
  const dingtalkEnabled = Boolean(e.DINGTALK_CLIENT_ID && e.DINGTALK_CLIENT_SECRET);
  if ((e.FEISHU_APP_ID && !e.FEISHU_APP_SECRET) || (!e.FEISHU_APP_ID && e.FEISHU_APP_SECRET)) {
    throw new ConfigError("invalid settings — FEISHU_APP_ID and FEISHU_APP_SECRET go together");
  }
  if ((e.DINGTALK_CLIENT_ID && !e.DINGTALK_CLIENT_SECRET) || (!e.DINGTALK_CLIENT_ID && e.DINGTALK_CLIENT_SECRET)) {
    throw new ConfigError("invalid settings — DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET go together");
  }
  if (Boolean(e.LLM_BASE_URL) !== Boolean(e.LLM_MODEL)) {
    throw new ConfigError("invalid settings — LLM_BASE_URL 与 LLM_MODEL 须同时设置（只设其一时大模型兜底不会启用）");
  }
  return {
    ...e,
    dataDir: e.DATA_DIR.startsWith("memory://") ? e.DATA_DIR : path.resolve(e.DATA_DIR),
    feishuEnabled,
    dingtalkEnabled,
    webChatEnabled: e.WEB_CHAT === "on" || (e.WEB_CHAT === "auto" && !feishuEnabled && !dingtalkEnabled),
    llmEnabled: Boolean(e.LLM_BASE_URL && e.LLM_MODEL),
  };
}
