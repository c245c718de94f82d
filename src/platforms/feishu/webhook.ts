// POST /feishu/events — the webhook receiver (Feishu "请求地址" for events and card callbacks).
// Reads the raw body (the signature covers its bytes) with a size limit, decides with
// decodeWebhook (4xx and no action on anything wrong), then: a message is persisted and acked with
// HTTP 200 at once — processing follows (Feishu wants 200 within 3 s and retries at 15 s, 5 min,
// 1 h, 6 h); a card action is answered with {toast, card}.
import express, { Router, type NextFunction, type Request, type Response } from "express";
import { handleEvent, type FeishuEventHandlers } from "./event-handlers.js";
import { decodeWebhook, type WebhookSecrets } from "./webhook-decode.js";

export const WEBHOOK_PATH = "/feishu/events";

export interface WebhookRouterOptions extends FeishuEventHandlers {
  secrets: WebhookSecrets;
  path?: string;
  /** Feishu events are a few KB; anything much bigger is not from Feishu. */
  maxBodyBytes?: number;
}

export function createWebhookRouter(o: WebhookRouterOptions): Router {
  const router = Router();
  const path = o.path ?? WEBHOOK_PATH;
  router.post(
    path,
    express.raw({ type: () => true, limit: o.maxBodyBytes ?? 256 * 1024 }),
    async (req: Request, res: Response) => {
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const decision = decodeWebhook({ headers: req.headers, rawBody }, o.secrets, o.now());
      if (decision.kind === "reject") {
        o.log.warn({ status: decision.status, reason: decision.reason, ip: req.ip }, "feishu webhook refused");
        res.status(decision.status).json({ error: decision.reason });
        return;
      }
      if (decision.kind === "challenge") {
        res.json({ challenge: decision.challenge });
        return;
      }
      const { header, event } = decision.envelope;
      try {
        res.json(await handleEvent(header.event_type, event, o));
      } catch (err) {
        // Not persisted (database down…): a 5xx makes Feishu deliver it again later.
        o.log.error({ err, eventId: header.event_id }, "feishu event not accepted");
        res.status(503).json({ error: "try again" });
      }
    },
  );
  router.use(path, (err: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    const status = err.status === 413 ? 413 : 400;
    o.log.warn({ status, err: err.message }, "feishu webhook refused");
    res.status(status).json({ error: status === 413 ? "body too large" : "bad request" });
  });
  return router;
}
