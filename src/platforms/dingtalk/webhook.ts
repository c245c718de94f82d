// HTTP-callback mode: DingTalk POSTs each robot message to our public URL.
// Protocol facts [doc: https://open.dingtalk.com/document/orgapp/receive-message]: headers
// `timestamp` (ms) and `sign` (see sign.ts); the body is the robot message JSON (payload.ts).
// DingTalk waits a few seconds for the answer and may deliver again, so we record the message,
// answer 200 `{}` and work afterwards (replies go out through the outbox, not through the HTTP
// answer). Refused with a 4xx and no action: a bad or stale signature, a (timestamp, sign) pair
// already used for another body (replay-guard.ts), a body that is not a robot message.
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Router } from "express";
import type { Clock } from "../../clock.js";
import type { Logger } from "../../logger.js";
import { parseRobotMessage, type RobotMessage } from "./payload.js";
import type { PairCheck } from "./replay-guard.js";
import { MAX_SKEW_MS, verifyDingTalkSign } from "./verify.js";

export const EVENTS_PATH = "/dingtalk/events";
/** Robot text messages are small; 64 KB leaves room for rich text and generous headers. */
const BODY_LIMIT = "64kb";

export interface HttpCallbackOptions {
  appSecret: string;
  clock: Clock;
  log: Logger;
  /** Remembers the (timestamp, sign) pair with this body (replay-guard.ts); throws when it cannot (→ 503). */
  checkPair(p: { timestamp: string; sign: string; rawBody: Buffer; windowMs: number; now: Date }): Promise<PairCheck>;
  /** Records the message (fast); the 200 goes out when it resolves, a 503 (DingTalk retries) when it throws. */
  onRobotMessage(message: RobotMessage): Promise<void>;
}

export function createCallbackRouter(opts: HttpCallbackOptions): Router {
  const router = express.Router();

  const verify: RequestHandler = (req, res, next) => {
    const check = verifyDingTalkSign({
      timestamp: req.get("timestamp"),
      sign: req.get("sign"),
      appSecret: opts.appSecret,
      now: opts.clock.now(),
    });
    if (check.ok) return next();
    opts.log.warn({ reason: check.reason, ip: req.ip }, "dingtalk callback refused");
    res.status(401).json({ error: check.reason });
  };

  const handle: RequestHandler = async (req: Request, res) => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let pair: PairCheck;
    try {
      pair = await opts.checkPair({ timestamp: req.get("timestamp")!, sign: req.get("sign")!, rawBody, windowMs: MAX_SKEW_MS, now: opts.clock.now() });
    } catch (err) {
      opts.log.error({ err }, "dingtalk callback signature pair not recorded");
      res.status(503).json({ error: "try again" });
      return;
    }
    if (pair === "replay") {
      opts.log.warn({ ip: req.ip }, "dingtalk callback refused: signature already used for another body");
      res.status(401).json({ error: "replayed" });
      return;
    }
    const message = parseRobotMessage(rawBody.toString("utf8"));
    if (!message) {
      res.status(400).json({ error: "not a robot message" });
      return;
    }
    try {
      await opts.onRobotMessage(message);
      res.status(200).json({});
    } catch (err) {
      opts.log.error({ err, msgId: message.msgId }, "dingtalk robot message not recorded");
      res.status(503).json({ error: "try again" });
    }
  };

  // body-parser errors carry a status: 413 too large, 400 bad JSON, 415 bad charset.
  const bodyErrors: ErrorRequestHandler = (err, _req, res, _next) => {
    const status = typeof err?.status === "number" && err.status >= 400 && err.status < 500 ? err.status : 400;
    res.status(status).json({ error: err?.type ?? "bad request" });
  };

  router.post(EVENTS_PATH, verify, express.raw({ limit: BODY_LIMIT, type: () => true }), handle, bodyErrors);
  return router;
}
