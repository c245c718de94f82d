// The express app: health (/healthz liveness, /readyz readiness — health.ts), then whatever routers
// the channels and the web chat contribute. /readyz answers 503 until start-up (migrations,
// default data, channels) has finished and whenever the database does not answer.
import express, { type Router } from "express";
import { createServer, type Server } from "node:http";
import type { Logger } from "../logger.js";
import { healthRouter, type Readiness } from "./health.js";

export interface HttpServer {
  app: express.Express;
  /** Marks start-up finished: /readyz → 200 while the database answers. */
  ready(): void;
  listen(port: number, host: string): Promise<Server>;
}

export function createHttpServer(opts: { log: Logger; routers: Router[]; readiness?: Readiness }): HttpServer {
  const app = express();
  app.disable("x-powered-by");
  let isReady = false;
  app.use(healthRouter(opts.readiness ?? {}, () => isReady));
  for (const router of opts.routers) app.use(router);
  // Last: unknown routes and errors as JSON, never a stack trace.
  app.use((_req, res) => {
    res.status(404).json({ error: "not found" });
  });
  app.use((err: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) opts.log.error({ err }, "http handler failed");
    res.status(status).json({ error: status === 500 ? "internal error" : err.message });
  });
  return {
    app,
    ready: () => {
      isReady = true;
    },
    // Not app.listen: express 5 hands a listen error (EADDRINUSE) to the success callback.
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        const server = createServer(app);
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve(server);
        });
      }),
  };
}
