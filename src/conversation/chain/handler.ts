// Step 11: the intent handler — the pending dialog routes the parsed intent (../dialog/route.ts),
// then the compile-checked intent table (../handlers/index.ts) answers.
import { shanghaiDate } from "../../domain/shanghai-time.js";
import { routeIntent } from "../dialog/route.js";
import type { ParsedMessage } from "../nlu/types.js";
import type { IntentHandlers, Turn } from "../turn.js";
import { required, type Step } from "./step.js";

export function handler(handlers: IntentHandlers): Step {
  return async (ctx) => {
    const parsed = required(ctx.parsed, "parsed");
    const t: Turn = {
      db: ctx.db, log: ctx.log, clock: ctx.clock, now: ctx.now, today: shanghaiDate(ctx.now),
      user: required(ctx.user, "user"), catalog: required(ctx.catalog, "catalog"), parsed, pending: ctx.pending ?? null, ports: ctx.ports,
      redo: (p: ParsedMessage) => handlers[p.intent]({ ...t, parsed: p, pending: null }),
    };
    const intent = routeIntent(parsed, t.pending);
    ctx.log.debug({ user: t.user.id, intent, indicator: parsed.indicator?.id }, "turn");
    return handlers[intent](t);
  };
}
