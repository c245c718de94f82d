// A server at rest carries no chart or spreadsheet library (issue 15 item 5): `npm start` on each
// engine, with a module resolve hook recording every module the process loads, answers /readyz
// without having loaded ECharts, zrender, resvg, exceljs, numfmt or a messenger SDK; the first
// dashboard page then loads ECharts and draws its charts (the libraries come on first use), and the
// first official-table download loads exceljs and sends a real .xlsx.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { createLinkSigner, DASHBOARD_TTL_S, FILE_TTL_S } from "../../src/dashboard/signed-link.js";
import { engines, freshDatabase } from "../helpers/engines.js";
import { startServer } from "../helpers/spawn.js";

/** Packages a server needs only to draw a chart, read or write a spreadsheet, or talk to a messenger. */
const NOT_AT_REST = ["echarts", "zrender", "@resvg/resvg-js", "exceljs", "numfmt", "@larksuiteoapi/node-sdk", "dingtalk-stream"];
const SECRET = "lean-start-dashboard-secret-0123456789";

/** A folder with an ESM resolve hook that appends every resolved URL to loaded.txt. */
function resolveRecorder(): { nodeOptions: string; packages: () => Set<string> } {
  const dir = mkdtempSync(path.join(tmpdir(), "jx-lean-"));
  const list = path.join(dir, "loaded.txt");
  writeFileSync(list, "");
  writeFileSync(path.join(dir, "hook.mjs"), `import { appendFileSync } from "node:fs";
export async function resolve(spec, ctx, next) { const r = await next(spec, ctx); appendFileSync(${JSON.stringify(list)}, r.url + "\\n"); return r; }\n`);
  writeFileSync(path.join(dir, "register.mjs"), `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(path.join(dir, "hook.mjs")).href)});\n`);
  return {
    nodeOptions: `${process.env.NODE_OPTIONS ?? ""} --import=${pathToFileURL(path.join(dir, "register.mjs")).href}`.trim(),
    // The package of each loaded node_modules file: "echarts", "@resvg/resvg-js", …
    packages: () => new Set([...readFileSync(list, "utf8").matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].map((m) => m[1]!)),
  };
}

for (const engine of engines) {
  describe(`a server at rest [${engine}]`, () => {
    const disposals: Array<() => Promise<void>> = [];
    afterAll(async () => {
      for (const d of disposals.reverse()) await d();
    });

    it("loads no chart or spreadsheet library until the dashboard draws a chart or a table is downloaded", { timeout: 300_000 }, async () => {
      const recorder = resolveRecorder();
      const env: Record<string, string> = { NODE_OPTIONS: recorder.nodeOptions, REMINDERS: "off", DASHBOARD_SECRET: SECRET, BOT_NOW: "2021-11-15T10:00:00+08:00" };
      if (engine === "postgres") {
        const db = await freshDatabase("postgres");
        await db.close(); // the server loads the default data itself; this handle only owns the name
        disposals.push(() => db.dispose());
        env.DATABASE_URL = db.url!;
      } else env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "jx-lean-data-"));
      const server = await startServer(env);
      disposals.push(server.stop);
      const atRest = recorder.packages();
      expect(atRest.has("express")).toBe(true); // the recorder sees the server's packages
      expect(NOT_AT_REST.filter((p) => atRest.has(p))).toEqual([]);

      const signer = createLinkSigner(SECRET);
      const base = `http://127.0.0.1:${server.port}`;
      const page = await fetch(`${base}/dashboard?k=${signer.sign({ kind: "dash", scope: "all", user: 1 }, DASHBOARD_TTL_S)}`);
      expect(page.status).toBe(200);
      expect((await page.text()).match(/<svg/g)?.length).toBeGreaterThanOrEqual(2); // the bureau's and the budget's charts
      expect(recorder.packages().has("echarts")).toBe(true);

      const file = await fetch(`${base}/dashboard/file/monitoring?k=${signer.sign({ kind: "file", scope: "all", user: 1, table: "monitoring" }, FILE_TTL_S)}`);
      expect(file.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await file.arrayBuffer());
      expect(wb.worksheets.length).toBeGreaterThan(0);
      expect(recorder.packages().has("exceljs")).toBe(true);
    });
  });
}
