// Step 5: what the message means — the catalogue and the parse (rules, maybe the LLM fallback),
// outside any transaction so no connection is held while a model thinks. Computed once per message
// and reused when a transient database error makes the chain run again.
import type { ParseFn } from "../nlu/llm-fallback.js";
import type { IncomingMessage } from "../../messages.js";
import type { IndicatorCatalog } from "../indicator-catalog.js";
import type { ParsedMessage } from "../nlu/types.js";
import type { Step } from "./step.js";

type Understood = { catalog: IndicatorCatalog; parsed: ParsedMessage };

export function understanding(parse: ParseFn): Step {
  const done = new WeakMap<IncomingMessage, Promise<Understood>>();
  return async (ctx, next) => {
    let p = done.get(ctx.message);
    if (!p) {
      const now = ctx.now;
      p = ctx.ports.catalog(now).then(async (catalog) => ({ catalog, parsed: await parse(ctx.message.text, { now, indicators: catalog.docs, sections: catalog.sections }) }));
      p.catch(() => done.delete(ctx.message));
      done.set(ctx.message, p);
    }
    const { catalog, parsed } = await p;
    ctx.catalog = catalog;
    ctx.parsed = parsed;
    return next();
  };
}
