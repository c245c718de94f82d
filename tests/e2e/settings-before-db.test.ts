// Validation before side effects (issue 11 item 7): `npm start` with a bad REMINDER_CRON or an
// LLM_BASE_URL without LLM_MODEL exits with one line and has not created, opened or migrated the
// database folder.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startServer } from "../helpers/spawn.js";

describe("settings are checked before the database is touched", () => {
  const root = mkdtempSync(path.join(tmpdir(), "jx-settings-"));

  it.each([
    ["REMINDER_CRON=garbage", { REMINDER_CRON: "garbage" }, /设置有误——REMINDER_CRON：不是有效的 cron 表达式/],
    ["LLM_BASE_URL without LLM_MODEL", { LLM_BASE_URL: "http://127.0.0.1:9/v1" }, /LLM_BASE_URL 与 LLM_MODEL 须同时设置/],
  ])("%s: one line, no database folder", async (_name, env, reason) => {
    const dataDir = path.join(root, `db-${Object.keys(env)[0]}`);
    await expect(startServer({ DATA_DIR: dataDir, ...env })).rejects.toThrow(reason);
    expect(existsSync(dataDir)).toBe(false);
  });
});
