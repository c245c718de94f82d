// What every messenger edge offers the composition root (bolt-js's Receiver idea): an optional
// express router (webhooks, the local web chat) and start/stop for long-lived connections.
// Every channel ends in the same calls into the core: bot.handle(message) / bot.handleAction(action).
import type { Router } from "express";

/** Whether a channel can receive right now (reported by /readyz). */
export interface ChannelStatus {
  up: boolean;
  /** e.g. "long connection", "webhook", "stream reconnecting". */
  detail?: string;
}

export interface Channel {
  name: string;
  router?: Router;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Live connection state; channels without one (webhooks, web chat) are up once started. */
  status?(): ChannelStatus;
}
