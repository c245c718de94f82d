// GET /dashboard… — the read-only web dashboard and the official tables' downloads, opened only
// with a signed, unexpired link (?k=, signed-link.ts); anything else is a 403 page in Chinese.
//   /dashboard                 bureau (or the link's section): lights, sections, duties, budget, reasons
//   /dashboard/duty/:n         one duty: its goals and indicators
//   /dashboard/indicator/:id   one indicator: values by month, pace line, chart
//   /dashboard/api             the same data as JSON (model.ts)
//   /dashboard/file/:table     monitoring | self-evaluation (.xlsx) — "all" links or a file link
// The token is never logged; pages say no-referrer so it does not leak to other sites.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import express, { type Request, type Response, type Router } from "express";
import type { Clock } from "../clock.js";
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import { loadMonitoringSettings } from "../monitoring/settings.js";
import { exportMonitoring } from "../monitoring/export-monitoring.js";
import { exportSelfEvaluation } from "../monitoring/export-self-evaluation.js";
import { bureauDutiesChart, budgetChart, indicatorPaceChart, sectionLightsChart } from "../charts/definitions.js";
import { renderChartSvg, type ChartDefinition } from "../charts/render.js";
import { dashboardModel, dashboardMonth } from "./model.js";
import { dutyPage, forbiddenPage, homePage, indicatorPage, layout } from "./page.js";
import type { LinkClaims, LinkSigner, OfficialTable } from "./signed-link.js";

export interface DashboardDeps {
  db: Database;
  clock: Clock;
  signer: LinkSigner;
  log: Logger;
}

const TABLE_NAMES: Record<OfficialTable, string> = { monitoring: "绩效运行监控表", "self-evaluation": "部门整体支出绩效自评表" };

export function dashboardRouter(deps: DashboardDeps): Router {
  const router = express.Router();
  const log = deps.log.child({ mod: "dashboard" });

  router.use("/dashboard", (_req, res, next) => {
    res.set({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff" });
    next();
  });

  /** The verified claims, or a 403 page already sent. */
  function claimsOf(req: Request, res: Response, kind: LinkClaims["kind"] | "any" = "dash"): LinkClaims | null {
    const k = typeof req.query.k === "string" ? req.query.k : undefined;
    const v = deps.signer.verify(k);
    if (!v.ok) {
      res.status(403).type("html").send(forbiddenPage(v.reason));
      return null;
    }
    if (kind !== "any" && v.claims.kind !== kind) {
      res.status(403).type("html").send(forbiddenPage("malformed"));
      return null;
    }
    return v.claims;
  }

  const linkFor = (req: Request) => (p: string) => `${p}?k=${encodeURIComponent(String(req.query.k))}`;

  async function model(claims: LinkClaims, res: Response) {
    const m = await dashboardModel(deps.db, loadMonitoringSettings(), deps.clock.now(), claims.scope);
    if (!m) res.status(404).type("html").send(layout("暂无数据", "绩效看板", `<section class="box"><p>还没有可展示的监控数据（未加载目标表，或本年还没有结束的月份）。</p></section>`));
    return m;
  }

  router.get("/dashboard", async (req, res, next) => {
    try {
      const claims = claimsOf(req, res);
      if (!claims) return;
      const m = await model(claims, res);
      if (!m) return;
      const charts = claims.scope === "all"
        ? { bureau: await renderChartSvg(bureauDutiesChart(m.view)), budget: await renderChartSvg(budgetChart(m.view)) }
        : { section: await svgOrNothing(sectionLightsChart(m.view, claims.scope)) };
      res.type("html").send(homePage(m.json, linkFor(req), charts));
    } catch (err) {
      next(err);
    }
  });

  router.get("/dashboard/api", async (req, res, next) => {
    try {
      const claims = claimsOf(req, res);
      if (!claims) return;
      const m = await model(claims, res);
      if (m) res.json(m.json);
    } catch (err) {
      next(err);
    }
  });

  router.get("/dashboard/duty/:n", async (req, res, next) => {
    try {
      const claims = claimsOf(req, res);
      if (!claims) return;
      const m = await model(claims, res);
      if (!m) return;
      const duty = m.json.duties.find((d) => String(d.index) === req.params.n);
      // A duty without a visible indicator is another section's: refused, not "not found".
      if (!duty) return void res.status(403).type("html").send(forbiddenPage("scope"));
      res.type("html").send(dutyPage(m.json, duty, linkFor(req)));
    } catch (err) {
      next(err);
    }
  });

  router.get("/dashboard/indicator/:id", async (req, res, next) => {
    try {
      const claims = claimsOf(req, res);
      if (!claims) return;
      const m = await model(claims, res);
      if (!m) return;
      for (const duty of m.json.duties) for (const goal of duty.goals) {
        const ind = goal.indicators.find((i) => String(i.id) === req.params.id);
        if (!ind) continue;
        const row = m.view.rows.find((r) => r.indicator.id === ind.id)!;
        const chart = indicatorPaceChart(m.view, row, loadMonitoringSettings().timeProgress);
        const svg = chart ? await renderChartSvg(chart) : null;
        return void res.type("html").send(indicatorPage(m.json, duty, goal.name, ind, linkFor(req), svg));
      }
      res.status(403).type("html").send(forbiddenPage("scope"));
    } catch (err) {
      next(err);
    }
  });

  router.get("/dashboard/file/:table", async (req, res, next) => {
    const dir = mkdtempSync(path.join(tmpdir(), "jx-table-"));
    try {
      const claims = claimsOf(req, res, "any");
      if (!claims) return;
      const table = req.params.table as OfficialTable;
      if (!(table in TABLE_NAMES)) return void res.status(404).type("html").send(forbiddenPage("malformed"));
      // The official tables hold every section's figures: only "all" links, or a file link for this table.
      if (claims.scope !== "all" || (claims.kind === "file" && claims.table !== table)) return void res.status(403).type("html").send(forbiddenPage("scope"));
      const now = deps.clock.now();
      const through = dashboardMonth(now);
      if (through === null) return void res.status(404).type("html").send(forbiddenPage("malformed"));
      const settings = loadMonitoringSettings();
      const file = path.join(dir, `${table}.xlsx`);
      let year: number;
      if (table === "monitoring") year = (await exportMonitoring(deps.db, settings, now, through, file)).year;
      else year = (await exportSelfEvaluation(deps.db, settings, now, through, file)).view.year;
      const name = table === "monitoring" ? `${year}年${TABLE_NAMES[table]}（1-${through}月）.xlsx` : `${year}年${TABLE_NAMES[table]}.xlsx`;
      log.info({ user: claims.user, table, through }, "official table downloaded");
      await new Promise<void>((resolve, reject) => res.download(file, name, (err) => (err ? reject(err) : resolve())));
    } catch (err) {
      next(err);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  return router;
}

async function svgOrNothing(def: ChartDefinition | null): Promise<string | undefined> {
  return def ? renderChartSvg(def) : undefined;
}
