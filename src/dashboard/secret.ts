// The key dashboard and download links are signed with: DASHBOARD_SECRET when set, else a random key
// generated on first start and kept in DATA_DIR/dashboard.secret (mode 0600) so links survive a
// restart. In-memory databases (tests) get a key for this process only. Never logged.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export function dashboardSecret(opts: { secret?: string | undefined; dataDir: string }): string {
  if (opts.secret) return opts.secret;
  if (opts.dataDir.startsWith("memory://")) return randomBytes(32).toString("hex");
  const file = path.join(opts.dataDir, "dashboard.secret");
  if (existsSync(file)) {
    const key = readFileSync(file, "utf8").trim();
    if (key.length >= 32) return key;
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const key = randomBytes(32).toString("hex");
  writeFileSync(file, key + "\n", { mode: 0o600 });
  return key;
}
