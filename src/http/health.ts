// Health endpoints, for a process supervisor or a load balancer:
//   GET /healthz  liveness — the process is up and its event loop answers (always 200 once listening;
//                 a restart would not fix a database outage, so the database is not asked here).
//   GET /readyz   readiness — 200 when start-up has finished and the database answers SELECT 1
//                 within 1 s; 503 otherwise. Says which messenger connections are up (a messenger
//                 reconnecting does not make the process unready: it keeps recording webhooks and
//                 reconnects by itself). No secrets and no error texts: only up/down and timings.
import { Router } from "express";
import type { ChannelStatus } from "../platforms/channel.js";

export interface Readiness {
  /** SELECT 1 with a timeout (Database.ping). */
  pingDatabase?(timeoutMs: number): Promise<void>;
  /** Connection state per messenger channel. */
  channels?(): Record<string, ChannelStatus>;
  /** Extra facts once started (e.g. the outbox's failed/unknown counts, docs/delivery.md); must answer quickly. */
  details?(): Promise<Record<string, unknown>>;
}

export const DB_TIMEOUT_MS = 1_000;

export function healthRouter(readiness: Readiness, isStarted: () => boolean): Router {
  const router = Router();
  const detailsOf = async () => (isStarted() && readiness.details ? await readiness.details().catch(() => undefined) : undefined);
  router.get("/healthz", async (_req, res) => {
    const details = await detailsOf();
    res.json({ status: "ok", ...(details ? { details } : {}) });
  });
  router.get("/readyz", async (_req, res) => {
    const t0 = performance.now();
    let database: { up: boolean; ms: number } | undefined;
    if (readiness.pingDatabase) {
      const up = await readiness.pingDatabase(DB_TIMEOUT_MS).then(() => true, () => false);
      database = { up, ms: Math.round(performance.now() - t0) };
    }
    const started = isStarted();
    const ok = started && (database?.up ?? true);
    const details = database?.up === false ? undefined : await detailsOf();
    res.status(ok ? 200 : 503).json({
      status: ok ? "ready" : started ? "unavailable" : "starting",
      ...(database ? { database } : {}),
      channels: readiness.channels?.() ?? {},
      ...(details ? { details } : {}),
    });
  });
  return router;
}
