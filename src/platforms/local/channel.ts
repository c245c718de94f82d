// The local web chat as a Channel: only a router, nothing to start or stop. Mounted by src/main.ts
// when config.webChatEnabled (by default: while no messenger is configured).
import type { Channel } from "../channel.js";
import { createLocalChatRouter, type LocalChatDeps } from "./router.js";

export function createLocalChannel(deps: LocalChatDeps): Channel {
  return {
    name: "local",
    router: createLocalChatRouter(deps),
    start: async () => {},
    stop: async () => {},
  };
}
