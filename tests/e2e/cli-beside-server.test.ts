// One process owns the embedded database (issue 11 item 1). With `npm start` running on PGlite,
// the README's CLI commands run through the server (loopback admin endpoint + per-start token):
// the server sees what they wrote, output and exit codes are those of a local run, a second
// server refuses with one line naming the first's pid and port, and a server killed mid-command
// leaves a stale lock that the next start takes over, with nothing half-written.
import { spawn } from "node:child_process";
import { PassThrough, Readable } from "node:stream";
import { liveOwner } from "../../src/db/data-dir-lock.js";
import { runRemote } from "../../src/cli/remote.js";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli, startServer } from "../helpers/spawn.js";

const TSX = path.join(ROOT, "node_modules/.bin/tsx");

describe("the CLI beside a running server on PGlite", { timeout: 600_000 }, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "jx-beside-"));
  const env = { DATA_DIR: dataDir, BOT_NOW: "2021-11-15T10:00:00+08:00", LOG_LEVEL: "warn" };
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  afterAll(async () => server?.stop());
  // The web chat's API wants the per-start key printed on the terminal (src/platforms/local/access-key.ts).
  const chatKey = () => server!.logs().match(/\/\?k=([\w-]+)/)?.[1] ?? "";
  const users = async () => ((await (await fetch(`http://127.0.0.1:${server!.port}/api/local/users`, { headers: { "x-chat-key": chatKey() } })).json()) as { sections: Array<{ users: Array<{ id: number; name: string }> }> }).sections.flatMap((s) => s.users);

  it("users add, import, reminders plan and a chat turn go through the server, which sees them", async () => {
    expect(runCli(["db", "migrate"], env).status).toBe(0); // no server yet: the CLI takes the lock itself
    server = await startServer(env);
    const lock = JSON.parse(readFileSync(path.join(dataDir, "owner.lock"), "utf8"));
    expect(lock).toMatchObject({ pid: expect.any(Number), port: server.port, adminPort: expect.any(Number) });
    expect(statSync(path.join(dataDir, "admin.token")).mode & 0o077).toBe(0); // only the owner may read it

    const add = runCli(["users", "add", "--name", "测试员", "--section", "mediation", "--role", "staff"], env);
    expect(add.status).toBe(0);
    expect(add.stdout).toMatch(/测试员/);
    expect((await users()).map((u) => u.name)).toContain("测试员"); // the server's own view

    const xlsx = path.join(dataDir, "..", `${path.basename(dataDir)}-table.xlsx`);
    expect(runCli(["export", xlsx], env).status).toBe(0);
    const imported = runCli(["import", xlsx, "--json"], env);
    expect(imported.status).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ ok: true, changed: false });

    const plan = runCli(["reminders", "plan", "--json"], env);
    expect(plan.status).toBe(0);
    expect(JSON.parse(plan.stdout).items.length).toBeGreaterThan(0);

    const ask = runCli(["ask", "--user", "测试员", "调解成功率的目标是多少"], env);
    expect(ask.status).toBe(0);
    expect(ask.stdout).toContain("98%");

    // Same exit codes as a local run: a bad argument is 2 with one line.
    const bad = runCli(["users", "add", "--name", "x"], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("reminders prefs changes a person's reminder rows through the server, and the server's own plan honours them", async () => {
    const at = ["--now", "2021-12-01T10:00:00+08:00"];
    const planOf = (name: string) => (JSON.parse(runCli(["reminders", "plan", "--json", ...at], env).stdout).items as Array<{ recipient: { name: string }; status: string }>).find((i) => i.recipient.name === name);
    expect(planOf("吴振东")?.status).toBe("due");
    const mute = runCli(["reminders", "prefs", "mute", "--name", "吴振东", "--period", "2021-11"], env);
    expect(mute.status).toBe(0);
    expect(mute.stdout).toContain("已设置：2021-11 期不再提醒 吴振东");
    expect(planOf("吴振东")?.status).toBe("muted");
    const set = runCli(["reminders", "prefs", "set", "--name", "测试员", "--day", "3"], env);
    expect(set.status).toBe(0);
    const list = JSON.parse(runCli(["reminders", "prefs", "--json"], env).stdout) as Array<{ name: string; personal: unknown[]; muted: string[] }>;
    expect(list.map((p) => [p.name, p.personal.length, p.muted])).toEqual(expect.arrayContaining([["吴振东", 0, ["2021-11"]], ["测试员", 1, []]]));
    const bad = runCli(["reminders", "prefs", "set", "--name", "测试员", "--day", "0"], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("错误：--day（每月几日）要 1 到 31 之间的整数，收到的是“0”\n");
  });

  it("an interactive `chat` at a terminal works beside the server: each line is a turn inside it, 确认 included", async () => {
    const owner = liveOwner(dataDir)!;
    // A terminal as the CLI sees one (stdin.isTTY); what the user types, line by line.
    const stdin = Object.assign(Readable.from(["本月调解成功率99.1%\n", "确认\n", "退出\n"]), { isTTY: true });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = "";
    stdout.on("data", (d) => (out += d));
    const code = await runRemote(owner, dataDir, ["chat", "--user", "王建国"], { stdin, stdout, stderr });
    expect(code).toBe(0);
    expect(out).toContain(`经由正在运行的服务 pid ${owner.pid}`);
    expect(out).toMatch(/请确认/);
    expect(out).toMatch(/已记录/);
  });

  it("a second server on the same DATA_DIR refuses with one line naming the first's pid and port", async () => {
    const pid = JSON.parse(readFileSync(path.join(dataDir, "owner.lock"), "utf8")).pid as number;
    await expect(startServer(env)).rejects.toThrow(new RegExp(`pid ${pid}，端口 ${server!.port}`));
  });

  it("killing the server mid-command: the command says so, the next start takes the stale lock, nothing half-written", async () => {
    const child = spawn(TSX, ["src/cli.ts", "users", "add", "--name", "半途", "--section", "mediation", "--role", "staff"], { cwd: ROOT, env: { ...process.env, ...env } });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    await new Promise((r) => setTimeout(r, 1500));
    // The process that owns the folder (tsx runs main.ts in a child of the spawned wrapper).
    const owner = JSON.parse(readFileSync(path.join(dataDir, "owner.lock"), "utf8")).pid as number;
    process.kill(owner, "SIGKILL");
    server!.child.kill("SIGKILL");
    const code = await new Promise<number | null>((r) => child.once("exit", r));
    expect([0, 1]).toContain(code);
    if (code === 1) expect(stderr).toMatch(/中断|错误/);
    server = await startServer(env); // the lock's pid is dead: taken over
    const names = (await users()).map((u) => u.name);
    // Either the whole user (and its identity-less row) or nothing; never a broken row.
    expect(names.filter((n) => n === "半途").length).toBeLessThanOrEqual(1);
    expect(names).toContain("测试员");
  });
});
