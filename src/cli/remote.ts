// A CLI command run through the server that owns the embedded database: POST to its loopback
// admin endpoint with the per-start token from DATA_DIR/admin.token (readable only by the local
// user who can read the data folder), then print what the server printed and exit with its code.
// File arguments are made absolute first (the server's working directory may differ); stdin is
// sent along for batch commands (`parse`, `chat` fed from a pipe). An interactive terminal chat
// cannot be relayed — use the web chat or `ask`.
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { text } from "node:stream/consumers";
import { tokenFile, type LockInfo } from "../db/data-dir-lock.js";
import type { RunIO } from "./run.js";

const FILE_ARG = /\.(?:json|xlsx|csv|txt|jsonl)$/i;

export async function runRemote(owner: LockInfo, dataDir: string, argv: string[], io: RunIO): Promise<number> {
  let token: string;
  try {
    token = readFileSync(tokenFile(dataDir), "utf8").trim();
  } catch {
    io.stderr.write(`error: 服务（pid ${owner.pid}）正在使用数据目录，但无法读取 ${tokenFile(dataDir)}：需由能读取该目录的本地用户运行\n`);
    return 1;
  }
  const interactive = Boolean((io.stdin as { isTTY?: boolean }).isTTY);
  if (argv[0] === "chat" && interactive) {
    io.stderr.write(`error: 服务（pid ${owner.pid}，端口 ${owner.port}）正在运行：请在网页聊天 http://127.0.0.1:${owner.port}/ 中对话，或用 ask 命令\n`);
    return 2;
  }
  const input = !interactive && (argv[0] === "parse" || argv[0] === "chat") ? await text(io.stdin) : undefined;
  const args = argv.map((a) => (!a.startsWith("--") && FILE_ARG.test(a) && (existsSync(a) || existsSync(path.dirname(path.resolve(a)))) ? path.resolve(a) : a));
  let res: Response;
  try {
    res = await fetch(`http://127.0.0.1:${owner.adminPort}/cli`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ args, input }),
    });
  } catch {
    io.stderr.write(`error: 服务（pid ${owner.pid}）在执行命令时中断，命令未完成（未写入任何内容）；请重新运行\n`);
    return 1;
  }
  if (!res.ok) {
    io.stderr.write(`error: 服务拒绝了该命令（HTTP ${res.status}）\n`);
    return 1;
  }
  const out = (await res.json()) as { code: number; stdout: string; stderr: string };
  io.stdout.write(out.stdout);
  io.stderr.write(out.stderr);
  return out.code;
}
