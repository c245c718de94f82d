// A first start on an empty DATA_DIR prepares the embedded database in a short-lived process of its
// own (src/prepare-data-dir.ts: initdb, migrations, the 2021 table), then the server opens it as on
// any later start; a later start on the same folder prepares nothing and loads nothing again.
// (Why a process: its one-off memory leaves with it — issue 15, scripts/bench-start.ts.)
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServer } from "../helpers/spawn.js";

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
