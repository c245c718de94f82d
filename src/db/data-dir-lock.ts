// One process owns the embedded database. PGlite is one process's database: two processes on one
// DATA_DIR each keep their own copy in memory and the last to close overwrites the other's writes
// (issue 11: a user added by the CLI while `npm start` ran was gone after the server stopped).
// The owner holds `DATA_DIR/owner.lock` — created exclusively (O_EXCL), holding its pid, the chat
// port and the loopback admin port — and, when it is a server, `DATA_DIR/admin.token` (mode 0600):
// the per-start secret the CLI presents to run a command through the server instead
// (src/cli/remote.ts). A lock whose pid is no longer alive is stale and taken over.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";

export interface LockInfo {
  pid: number;
  /** The server's chat/HTTP port; null for a CLI command. */
  port: number | null;
  /** The loopback admin endpoint's port; null until it listens, or for a CLI command. */
  adminPort: number | null;
}

export class DataDirBusy extends Error {
  constructor(readonly owner: LockInfo, dataDir: string) {
    super(
      owner.port !== null
        ? `数据目录 ${dataDir} 已由另一个绩效助手服务使用（pid ${owner.pid}，端口 ${owner.port}），请先停止它或换一个 DATA_DIR`
        : `数据目录 ${dataDir} 正被另一个命令使用（pid ${owner.pid}），请等它结束后再试`,
    );
  }
}

export const lockFile = (dataDir: string) => path.join(dataDir, "owner.lock");
export const tokenFile = (dataDir: string) => path.join(dataDir, "admin.token");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: existence check only
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
  // A process that has exited but is not yet reaped by its parent (a zombie) still answers signal 0:
  // seen right after a server was killed with its first-start process (Linux /proc/PID/stat state Z).
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no /proc (not Linux): signal 0 has answered
  }
}

/** The live owner of `dataDir`, or null (no lock, or a stale one). */
export function liveOwner(dataDir: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(lockFile(dataDir), "utf8")) as LockInfo;
    return typeof info.pid === "number" && info.pid !== process.pid && alive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

export interface DataDirLock {
  /** Rewrites the lock (the ports once known). */
  update(info: Partial<LockInfo>): void;
  release(): void;
}

/** Takes `dataDir` for this process. Throws DataDirBusy naming the live owner. */
export function lockDataDir(dataDir: string, port: number | null): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  let info: LockInfo = { pid: process.pid, port, adminPort: null };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockFile(dataDir), "wx", 0o600);
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw err;
      const owner = liveOwner(dataDir);
      if (owner) throw new DataDirBusy(owner, dataDir);
      rmSync(lockFile(dataDir), { force: true }); // stale: its process is gone
      rmSync(tokenFile(dataDir), { force: true });
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    rmSync(tokenFile(dataDir), { force: true });
    rmSync(lockFile(dataDir), { force: true });
  };
  process.once("exit", release);
  return {
    update(patch) {
      info = { ...info, ...patch };
      writeFileSync(lockFile(dataDir), JSON.stringify(info), { mode: 0o600 });
    },
    release,
  };
}

/** True when `dataDir` is an embedded database folder (not PostgreSQL, not memory://). */
export function isEmbedded(config: { DATABASE_URL?: string; dataDir: string }): boolean {
  return !config.DATABASE_URL && !config.dataDir.startsWith("memory://");
}
