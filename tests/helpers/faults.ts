// Fault injection through the storage port: a Database whose every statement — Prisma model calls,
// raw SQL, transaction starts, native queries, on the base client and inside every transaction
// (Database.instrument) — first passes `step()`. A plan throws a chosen error at the k-th step, which
// is "the process died right there" (Abandoned: nothing after it runs, the transaction rolls back)
// or "the connection dropped right there" (a transient error the code must retry).
import type { Database } from "../../src/db/client.js";
import type { PrismaClient } from "../../src/generated/prisma/client.js";

export interface FaultPlan {
  /** 1-based step at which to throw; 0 = never (counting only). */
  at: number;
  error(): Error;
}

export interface Faulty {
  db: Database;
  /** Steps seen so far, with their names (for failure messages). */
  readonly log: string[];
  plan(p: FaultPlan | null): void;
}

export function withFaults(base: Database): Faulty {
  const log: string[] = [];
  let plan: FaultPlan | null = null;
  const step = (name: string) => {
    log.push(name);
    if (plan && log.length === plan.at) throw plan.error();
  };
  const wrap = (client: PrismaClient): PrismaClient =>
    new Proxy(client, {
      get(target, prop) {
        const v = (target as unknown as Record<string | symbol, unknown>)[prop];
        if (typeof prop !== "string") return v;
        if (typeof v === "function" && /^\$(transaction|queryRaw|executeRaw)/.test(prop)) {
          return (...args: unknown[]) => {
            step(prop);
            return (v as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        if (!prop.startsWith("$") && v && typeof v === "object") {
          const model = v as Record<string, unknown>;
          return new Proxy(model, {
            get(m, method) {
              const fn = m[method as string];
              if (typeof fn !== "function" || typeof method !== "string") return fn;
              return (...args: unknown[]) => {
                step(`${prop}.${method}`);
                return (fn as (...a: unknown[]) => unknown).apply(m, args);
              };
            },
          });
        }
        return v;
      },
    });
  const db: Database = {
    ...base,
    prisma: wrap(base.prisma),
    instrument: wrap,
    query: async (sql, params) => {
      step(`query ${sql.trim().split(/\s+/).slice(0, 3).join(" ")}`);
      return base.query(sql, params);
    },
  };
  return {
    db,
    log,
    plan(p) {
      plan = p;
      log.length = 0;
    },
  };
}
