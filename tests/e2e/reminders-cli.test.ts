// The admin's view: `calendar show`, `reminders plan` with BOT_NOW or --now, `reminders run` once
// and again (nothing twice), as child processes on a fresh data folder.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/spawn.js";

describe("reminders and calendar CLI", () => {
  const env = { DATA_DIR: mkdtempSync(path.join(tmpdir(), "jx-rem-cli-")), BOT_NOW: "2021-12-01T10:00:00+08:00" };

  it("calendar show: deadlines moved off holidays, and a warning for a year the file lacks", () => {
    const r = runCli(["calendar", "show", "2021"], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/2021年9月 \+ 2021年第三季度\s+due 2021-10-08 .*moved from 2021-10-05: 国庆节/);
    expect(r.stdout).toMatch(/2021年12月 \+ 2021年第四季度 \+ 2021年\s*due 2022-01-05/);
    expect(runCli(["calendar", "show", "2030"], env).stdout).toMatch(/WARNING: 2030 is not in data\/holidays-cn.json/);
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
    expect(runCli(["reminders", "plan"], env).stdout).toMatch(/DUE\s+吴振东 \(head\) → feishu:ou_demo_legislation_head\n\s+why: section head; before-3/);
  });

  it("reminders run sends once; a second run sends nothing", () => {
    expect(runCli(["reminders", "run", "--now", "2021-12-01T10:00:00+08:00"], env).stdout).toMatch(/^Sent 14 reminder/);
    expect(runCli(["reminders", "run"], env).stdout).toMatch(/^Sent 0 reminder/);
    expect(runCli(["reminders", "plan", "--now", "not-a-time"], env).status).toBe(2);
  });
});
