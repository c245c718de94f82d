// Secure by default (issue 10 item 11): Feishu webhook mode without an encrypt key or verification
// token refuses to start unless FEISHU_WEBHOOK_INSECURE=1; demo users only without a messenger.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, secretValues } from "../../src/config.js";

const feishu = { FEISHU_APP_ID: "cli_a", FEISHU_APP_SECRET: "secret-123456" };

describe("secure defaults", () => {
  it("refuses Feishu webhook mode with neither FEISHU_ENCRYPT_KEY nor FEISHU_VERIFICATION_TOKEN", () => {
    expect(() => loadConfig({ ...feishu, FEISHU_MODE: "webhook" })).toThrow(ConfigError);
    expect(() => loadConfig({ ...feishu, FEISHU_MODE: "webhook" })).toThrow(/FEISHU_ENCRYPT_KEY 或 FEISHU_VERIFICATION_TOKEN/);
    expect(loadConfig({ ...feishu, FEISHU_MODE: "webhook", FEISHU_ENCRYPT_KEY: "k" }).feishuWebhookInsecure).toBe(false);
    expect(loadConfig({ ...feishu, FEISHU_MODE: "webhook", FEISHU_VERIFICATION_TOKEN: "t" }).feishuWebhookInsecure).toBe(false);
    // The long connection is authenticated by the SDK's own handshake: no keys needed.
    expect(loadConfig({ ...feishu, FEISHU_MODE: "ws" }).feishuWebhookInsecure).toBe(false);
  });

  it("lets FEISHU_WEBHOOK_INSECURE=1 through, flagged for the loud start-up line", () => {
    const c = loadConfig({ ...feishu, FEISHU_MODE: "webhook", FEISHU_WEBHOOK_INSECURE: "1" });
    expect(c.feishuWebhookInsecure).toBe(true);
    expect(() => loadConfig({ FEISHU_WEBHOOK_INSECURE: "yes" })).toThrow(ConfigError);
  });

  it("loads demo users only without a messenger, or with DEMO_USERS=on", () => {
    expect(loadConfig({}).demoUsersEnabled).toBe(true);
    expect(loadConfig({ ...feishu }).demoUsersEnabled).toBe(false);
    expect(loadConfig({ DINGTALK_CLIENT_ID: "d", DINGTALK_CLIENT_SECRET: "s" }).demoUsersEnabled).toBe(false);
    expect(loadConfig({ ...feishu, DEMO_USERS: "on" }).demoUsersEnabled).toBe(true);
    expect(loadConfig({ DEMO_USERS: "off" }).demoUsersEnabled).toBe(false);
  });

  it("lists every secret value for the logger to mask, the database password included", () => {
    const c = loadConfig({ ...feishu, FEISHU_ENCRYPT_KEY: "enc-key-1", DATABASE_URL: "postgresql://u:p%40ss-word@h/db", LLM_API_KEY: "sk-1" });
    expect(secretValues(c).sort()).toEqual(["enc-key-1", "p@ss-word", "secret-123456", "sk-1"].sort());
  });
});
