// A CLI command run through the server that owns the embedded database: POST to its loopback
// admin endpoint with the per-start token from DATA_DIR/admin.token (readable only by the local
// user who can read the data folder), then print what the server printed and exit with its code.
// File arguments are made absolute first (the server's working directory may differ); stdin is
// sent along for batch commands (`parse`, `chat` fed from a pipe). An interactive terminal chat
// is relayed one turn at a time: each line the user types is one `ask` run in the server (pending
// confirmations live in the database, so 确认 on the next line works as in the web chat).
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline/promises";
import { text } from "node:stream/consumers";
import { tokenFile, type LockInfo } from "../db/data-dir-lock.js";
import { AppError } from "../errors.js";
import { parseArgs } from "./command.js";
import type { RunIO } from "./run.js";

interface RemoteResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** One command in the server; null when the server went away or refused (already reported on stderr). */
async function post(owner: LockInfo, token: string, args: string[], input: string | undefined, io: RunIO): Promise<RemoteResult | null> {
  let res: Response;
  try {
    res = await fetch(`http://127.0.0.1:${owner.adminPort}/cli`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ args, input }),
    });
  } catch {
    io.stderr.write(`错误：服务（pid ${owner.pid}）在执行命令时中断，命令未完成（未写入任何内容）；请重新运行\n`);
    return null;
  }
  if (!res.ok) {
    io.stderr.write(`错误：服务拒绝了该命令（HTTP ${res.status}）\n`);
    return null;
  }
  return (await res.json()) as RemoteResult;
}

/** `chat` at a terminal while the server runs: every typed line is one `ask` turn inside the server. */
async function remoteChat(owner: LockInfo, token: string, argv: string[], io: RunIO): Promise<number> {
  let options: Map<string, string>;
  try {
    options = parseArgs(argv.slice(1), { options: ["user", "now"] }).options;
  } catch (err) {
    io.stderr.write(`错误：${(err as AppError).userMessage ?? (err as Error).message}\n`);
    return 2;
  }
  const user = options.get("user");
  if (!user) {
    io.stderr.write("错误：需要 --user <姓名或编号>\n");
    return 2;
  }
  const base = ["ask", "--user", user, ...(options.has("now") ? ["--now", options.get("now")!] : [])];
  io.stdout.write(`以 ${user} 的身份与绩效助手对话（经由正在运行的服务 pid ${owner.pid}；输入“帮助”查看用法，Ctrl-D 或“退出”结束）\n`);
  const rl = createInterface({ input: io.stdin, output: io.stdout, terminal: Boolean((io.stdout as { isTTY?: boolean }).isTTY) });
  rl.setPrompt("> ");
  rl.prompt();
  let code = 0;
  for await (const line of rl) {
    const said = line.trim();
    if (said === "退出" || said === "exit") break;
    if (said) {
      const out = await post(owner, token, [...base, said], undefined, io);
      if (!out) {
        code = 1;
        break;
      }
      io.stdout.write(out.stdout);
      io.stderr.write(out.stderr);
      if (out.code === 2) {
        code = 2; // a bad --user or --now: every further line would fail the same way
        break;
      }
    }
    rl.prompt();
  }
  rl.close();
  return code;
}

const FILE_ARG = /\.(?:json|xlsx|csv|txt|jsonl)$/i;

export async function runRemote(owner: LockInfo, dataDir: string, argv: string[], io: RunIO): Promise<number> {
  let token: string;
  try {
    token = readFileSync(tokenFile(dataDir), "utf8").trim();
  } catch {
    io.stderr.write(`错误：服务（pid ${owner.pid}）正在使用数据目录，但无法读取 ${tokenFile(dataDir)}：需由能读取该目录的本地用户运行\n`);
    return 1;
  }
  const interactive = Boolean((io.stdin as { isTTY?: boolean }).isTTY);
  if (argv[0] === "chat" && interactive) return remoteChat(owner, token, argv, io);
  const input = !interactive && (argv[0] === "parse" || argv[0] === "chat") ? await text(io.stdin) : undefined;
  const args = argv.map((a) => (!a.startsWith("--") && FILE_ARG.test(a) && (existsSync(a) || existsSync(path.dirname(path.resolve(a)))) ? path.resolve(a) : a));
  const out = await post(owner, token, args, input, io);
  if (!out) return 1;
  io.stdout.write(out.stdout);
  io.stderr.write(out.stderr);
  return out.code;
}
