// The server's admin endpoint for the CLI (src/cli/remote.ts): while the server owns the embedded
// database, CLI commands run here, in the one process that may open it. It listens on 127.0.0.1
// only, on its own port (never the chat port, which may face the network), and requires the
// per-start token written to DATA_DIR/admin.token (0600) — loopback alone is not trusted.
// Commands run one at a time: each gets the same services a CLI process would (silent log, the
// business clock pinned as the CLI pins it) and its output is captured and returned.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable, Writable } from "node:stream";
import { clockFromConfig, type Services } from "../services.js";
import { silentLogger } from "../logger.js";
import { findCommand, runOn } from "../cli/run.js";
import { tokenFile } from "../db/data-dir-lock.js";

const MAX_BODY = 1024 * 1024;

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({ write: (c, _e, cb) => (chunks.push(Buffer.from(c)), cb()) });
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

/** Starts the endpoint; returns its port and a stop function. */
export async function startAdminEndpoint(services: Services, dataDir: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const token = randomBytes(32).toString("hex");
  writeFileSync(tokenFile(dataDir), token + "\n", { mode: 0o600 });
  const expected = Buffer.from(`Bearer ${token}`);
  let queue: Promise<unknown> = Promise.resolve();
  const commandServices: Services = { ...services, log: silentLogger, clock: clockFromConfig(services.config, false), close: async () => {} };

  const server: Server = createServer((req, res) => {
    const auth = Buffer.from(req.headers.authorization ?? "");
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST" || req.url !== "/cli") return reply(404, { error: "not found" });
    if (auth.length !== expected.length || !timingSafeEqual(auth, expected)) return reply(401, { error: "unauthorized" });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(c);
    });
    req.on("end", () => {
      let body: { args?: unknown; input?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return reply(400, { error: "bad json" });
      }
      const args = Array.isArray(body.args) && body.args.every((a) => typeof a === "string") ? (body.args as string[]) : null;
      const command = args && args[0] ? findCommand(args[0]) : undefined;
      if (!args || !command) return reply(400, { error: "unknown command" });
      const out = collector();
      const err = collector();
      const stdin = Readable.from(typeof body.input === "string" ? [body.input] : []);
      const run = queue.then(() => runOn(command, args.slice(1), commandServices, { stdout: out.stream, stderr: err.stream, stdin }));
      queue = run.catch(() => undefined);
      void run.then((code) => reply(200, { code, stdout: out.text(), stderr: err.text() }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
