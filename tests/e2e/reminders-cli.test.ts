// The admin's view: `calendar show`, `reminders plan` with BOT_NOW or --now, `reminders run` once
// and again (nothing twice), as child processes on a fresh data folder.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/spawn.js";

describe("reminders and calendar CLI", { timeout: 240_000 }, () => {
  const env = { DATA_DIR: mkdtempSync(path.join(tmpdir(), "jx-rem-cli-")), BOT_NOW: "2021-12-01T10:00:00+08:00" };

  it("calendar show: deadlines moved off holidays, and a warning for a year the file lacks", () => {
    const r = runCli(["calendar", "show", "2021"], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/2021年9月 \+ 2021年第三季度\s+截止 2021-10-08 .*由 2021-10-05 顺延：国庆节/);
    expect(r.stdout).toMatch(/2021年12月 \+ 2021年第四季度 \+ 2021年\s*截止 2022-01-05/);
    expect(runCli(["calendar", "show", "2030"], env).stdout).toMatch(/注意：data\/holidays-cn.json 中没有 2030 年/);
  });

  it("reminders plan with BOT_NOW names each head with their missing indicators and why", () => {
    const r = runCli(["reminders", "plan", "--json"], env);
    expect(r.status).toBe(0);
    const plan = JSON.parse(r.stdout) as { items: Array<{ recipient: { name: string }; status: string; indicators: Array<{ name: string }> }> };
    // All 14 heads: with nothing reported each section owes November or a 定性 third quarter (src/domain/missing.ts).
    expect(plan.items).toHaveLength(14);
    const wu = plan.items.find((i) => i.recipient.name === "吴振东");
    expect(wu?.status).toBe("due");
    expect(wu?.indicators.map((i) => i.name)).toContain("立法项目有序开展");
    // No messenger configured: the web chat is the channel (issue 11 item 5), in Chinese (item 6).
    expect(runCli(["reminders", "plan"], env).stdout).toMatch(/待发送\s+吴振东（科长）→ 网页聊天（吴振东的对话）\n\s+原因：科室负责人；2021-11 期报送截止 2021-12-06（截止前 3 个工作日）/);
  });

  it("reminders run sends once, says where they went (the web chat); a second run sends nothing", () => {
    const first = runCli(["reminders", "run", "--now", "2021-12-01T10:00:00+08:00"], env).stdout;
    expect(first).toMatch(/^2021-12-01 10:00（北京时间）：已生成 14 条提醒/);
    expect(first).toContain("14 条送到本地体验聊天（网页）");
    expect(first).toMatch(/王建国 → 网页聊天（王建国的对话）/);
    expect(first).not.toMatch(/Sent|reminder\(s\)/);
    expect(runCli(["reminders", "run"], env).stdout).toMatch(/已生成 0 条提醒/);
    const bad = runCli(["reminders", "plan", "--now", "not-a-time"], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--now 需要 ISO 时间/);
  });

  it("with the web chat off and no messenger, reminders run says they wait in the outbox", () => {
    const off = { ...env, DATA_DIR: mkdtempSync(path.join(tmpdir(), "jx-rem-cli-off-")), WEB_CHAT: "off" };
    const r = runCli(["reminders", "run", "--now", "2021-12-01T10:00:00+08:00"], off);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("14 条要经飞书发送，但飞书尚未配置：留在发件箱中");
  });
});
