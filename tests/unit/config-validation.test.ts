// Settings are checked before anything is touched (issue 11 item 7): a bad REMINDER_CRON and an
// LLM_BASE_URL without LLM_MODEL are refused by loadConfig, which every entry point calls before
// opening the database.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

describe("loadConfig refuses before any side effect", () => {
  it("REMINDER_CRON=garbage is refused with the key and a Chinese reason", () => {
    expect(() => loadConfig({ REMINDER_CRON: "garbage" })).toThrow(ConfigError);
    expect(() => loadConfig({ REMINDER_CRON: "garbage" })).toThrow(/REMINDER_CRON：不是有效的 cron 表达式/);
    expect(loadConfig({ REMINDER_CRON: "0 9 * * 1-5" }).REMINDER_CRON).toBe("0 9 * * 1-5");
  });

  it("LLM_BASE_URL without LLM_MODEL (or the other way round) is an error, not silence", () => {
    expect(() => loadConfig({ LLM_BASE_URL: "http://127.0.0.1:9/v1" })).toThrow(/LLM_BASE_URL 与 LLM_MODEL 须同时设置/);
    expect(() => loadConfig({ LLM_MODEL: "qwen" })).toThrow(/LLM_BASE_URL 与 LLM_MODEL/);
    expect(loadConfig({ LLM_BASE_URL: "http://127.0.0.1:9/v1", LLM_MODEL: "qwen" }).llmEnabled).toBe(true);
    expect(loadConfig({}).llmEnabled).toBe(false);
  });
});
