// A first start on an empty DATA_DIR prepares the embedded database in a short-lived process of its
// own (src/prepare-data-dir.ts: initdb, migrations, the 2021 table), then the server opens it as on
// any later start; a later start on the same folder prepares nothing and loads nothing again.
// (Why a process: its one-off memory leaves with it — issue 15, scripts/bench-start.ts.)
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, ROOT, startServer } from "../helpers/spawn.js";

const messages = (logs: string) =>
  logs
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as { msg: string });

describe("first start on an empty DATA_DIR", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "jx-first-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { DATA_DIR: dataDir, REMINDERS: "off", BOT_NOW: "2021-11-15T10:00:00+08:00", LOG_LEVEL: "info" };

  it("prepares the database in another process, then serves it; the next start finds it ready", { timeout: 240_000 }, async () => {
    const first = await startServer(env);
    try {
      const said = messages(first.logs()).map((m) => m.msg);
      const order = ["preparing a new embedded database (first start)", "migrations applied", "goal table loaded", "database ready"].map((m) => said.indexOf(m));
      expect(order.every((i) => i >= 0), said.join(" | ")).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      // The preparing process is gone and the server owns the folder (its pid in the lock).
      const lock = JSON.parse(readFileSync(path.join(dataDir, "owner.lock"), "utf8")) as { pid: number; port: number };
      expect(lock.pid).toBe(first.child.pid);
      expect(lock.port).toBe(first.port);
      const ready = await fetch(`http://127.0.0.1:${first.port}/readyz`).then((r) => r.json() as Promise<{ status: string }>);
      expect(ready.status).toBe("ready");
    } finally {
      await first.stop();
    }

    const second = await startServer(env);
    try {
      const said = messages(second.logs()).map((m) => m.msg);
      expect(said).toContain("database ready");
      expect(said).not.toContain("preparing a new embedded database (first start)");
      expect(said).not.toContain("migrations applied");
      expect(said).not.toContain("goal table loaded");
    } finally {
      await second.stop();
    }
  });
});

describe("first start under faults", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const emptyDir = () => {
    const d = mkdtempSync(path.join(tmpdir(), "jx-first-"));
    dirs.push(d);
    return d;
  };
  const launch = async (dataDir: string) => {
    const port = await freePort();
    const child = spawn(process.execPath, ["scripts/start.mjs"], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", REMINDERS: "off", LOG_LEVEL: "warn" } });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.once("exit", (c) => r(c)));
    return { child, port, exited, stderr: () => stderr };
  };
  const childrenOf = (pid: number) => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const gone = (pid: number) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z";
    } catch {
      return true;
    }
  };

  it("two servers on one empty folder: one serves, the other stops with one line naming a server", { timeout: 240_000 }, async () => {
    const dataDir = emptyDir();
    const [a, b] = [await launch(dataDir), await launch(dataDir)];
    try {
      const first = await Promise.race([a.exited.then(() => a), b.exited.then(() => b)]);
      expect(await first.exited).toBe(1);
      const lines = first.stderr().split("\n").filter((l) => l.trim() && !l.includes("本地体验聊天"));
      expect(lines, first.stderr()).toHaveLength(1);
      expect(lines[0]).toMatch(/^绩效助手 启动失败：数据目录 .* 已由另一个绩效助手服务使用（pid \d+，端口 \d+）/);
    } finally {
      for (const s of [a, b]) s.child.kill("SIGKILL");
    }
  });

  it("a server killed (SIGKILL) while preparing takes its preparing process with it; the next start completes", { timeout: 240_000 }, async () => {
    const dataDir = emptyDir();
    const server = await launch(dataDir);
    let preparing: number | undefined;
    for (let i = 0; i < 300 && preparing === undefined; i++) {
      preparing = childrenOf(server.child.pid!).find((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("prepare-data-dir");
        } catch {
          return false;
        }
      });
      if (preparing === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    expect(preparing).toBeDefined();
    server.child.kill("SIGKILL");
    await server.exited;
    // Preparing takes seconds (initdb, nine migrations, the 2021 table); an orphan would still run.
    for (let i = 0; i < 20 && !gone(preparing!); i++) await new Promise((r) => setTimeout(r, 100));
    expect(gone(preparing!)).toBe(true);
    const next = await startServer({ DATA_DIR: dataDir, REMINDERS: "off" });
    try {
      const ready = await fetch(`http://127.0.0.1:${next.port}/readyz`).then((r) => r.json() as Promise<{ status: string }>);
      expect(ready.status).toBe("ready");
    } finally {
      await next.stop();
    }
  });
});
