// The two things a newcomer does first: `npm start` with no settings, and the admin CLI.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCatalogFile } from "../../src/catalog/data-files.js";
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { createServer, type AddressInfo } from "node:net";
import { ROOT, runCli, startServer } from "../helpers/spawn.js";

const seed = readCatalogFile("data/goal-table-2021.json");

describe("npm start with no settings", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "jx-start-"));
  // Two starts, the first a cold one (initdb of the embedded database): minutes on a busy 2-core CI.
  it("migrates, loads the 2021 table and answers /healthz; a restart loads nothing again", { timeout: 300_000 }, async () => {
    const first = await startServer({ DATA_DIR: dataDir });
    expect(first.logs()).toMatch(/goal table loaded/);
    // The web chat opens only through the link printed at start (a new key every start).
    const base = `http://127.0.0.1:${first.port}`;
    const deadline = Date.now() + 10_000;
    while (!/\?k=/.test(first.logs()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const link = first.logs().match(/http:\/\/127\.0\.0\.1:\d+\/\?k=[\w-]+/)?.[0];
    expect(link).toBeDefined();
    expect((await fetch(`${base}/`)).status).toBe(403);
    expect((await fetch(`${base}/api/local/users`)).status).toBe(403);
    const opened = await fetch(link!, { redirect: "manual" });
    expect(opened.status).toBe(303);
    const cookie = opened.headers.get("set-cookie")!.split(";")[0]!;
    expect((await fetch(`${base}/api/local/users`, { headers: { cookie } })).status).toBe(200);
    expect(first.logs().match(/"msg":"[^"]*\?k=/)).toBeNull(); // not in a structured log line
    await first.stop();
    const second = await startServer({ DATA_DIR: dataDir });
    expect(second.logs()).not.toMatch(/goal table loaded|migrations applied/);
    const health = await fetch(`http://127.0.0.1:${second.port}/healthz`);
    expect(await health.json()).toEqual({ status: "ok", details: { outbox: { failed: 0, unknown: 0 } } });
    await second.stop();
  });

  it("a port already in use: exits 1 with one line, closing what it opened", { timeout: 180_000 }, async () => {
    const blocker = createServer().listen(0, "127.0.0.1");
    await once(blocker, "listening");
    const port = (blocker.address() as AddressInfo).port;
    const r = spawnSync(process.execPath, ["scripts/start.mjs"], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "silent" },
      encoding: "utf8",
      timeout: 150_000,
    });
    blocker.close();
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/^绩效助手 启动失败：listen EADDRINUSE/);
  });

  it("refuses a bad setting with one clear line", async () => {
    await expect(startServer({ DATA_DIR: dataDir, PORT: "not-a-port" })).rejects.toThrow(/设置有误——PORT/);
  });
});

describe("admin CLI", () => {
  const env = { DATA_DIR: mkdtempSync(path.join(tmpdir(), "jx-cli-")) };
  beforeAll(() => {
    expect(runCli(["db", "migrate"], env).status).toBe(0);
  });

  it("indicators --json lists every seed indicator with its target exactly as printed", () => {
    const r = runCli(["indicators", "--json"], env);
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(list).toHaveLength(seed.indicators.length);
    expect(list.map((i) => i.target)).toEqual(seed.indicators.map((i) => i.target));
    for (const key of ["id", "name", "group", "duty", "goal", "target", "typedTarget", "section", "referenceValues", "activities", "budgetProject"]) {
      expect(list[0]).toHaveProperty(key);
    }
  });

  it("users add / list, and bad arguments exit non-zero with one line", { timeout: 300_000 }, () => {
    const add = runCli(["users", "add", "--name", "测试员", "--section", "mediation", "--role", "staff", "--feishu-open-id", "ou_test_1"], env);
    expect(add.stderr).toBe("");
    expect(add.status).toBe(0);
    const list = JSON.parse(runCli(["users", "list", "--json"], env).stdout) as Array<{ name: string; identities: unknown[] }>;
    expect(list.find((u) => u.name === "测试员")?.identities).toEqual([{ platform: "feishu", externalId: "ou_test_1" }]);

    const cases: Array<[string[], RegExp]> = [
      [["users", "add", "--name", "某人", "--section", "mediation", "--role", "boss"], /--role 只能是 staff/],
      [["users", "add", "--name", "某人", "--section", "nowhere", "--role", "staff"], /没有这个科室“nowhere”/],
      [["users", "add", "--name", "测试员", "--section", "mediation", "--role", "staff"], /已有 测试员/],
      [["users", "add", "--name", "某人", "--section", "mediation", "--role", "staff", "--feishu-open-id", "ou_test_1"], /已绑定到人员/],
      [["indicators", "--colour"], /未知选项 --colour/],
      [["export"], /用法：export 文件.xlsx/],
      [["import", "table.csv"], /需要 .xlsx 文件/],
      [["frobnicate"], /未知命令“frobnicate”/],
    ];
    for (const [args, reason] of cases) {
      const r = runCli(args, env);
      expect(r.status, args.join(" ")).not.toBe(0);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(reason);
    }
  });
});
