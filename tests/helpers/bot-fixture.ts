// A bot on the seeded 2021 data with a pinned clock (2021-11-15 10:00 Shanghai), per engine, for
// the scripted conversation suites. Users are looked up by their org-chart names.
import { afterAll, beforeAll } from "vitest";
import { fixedClock } from "../../src/clock.js";
import type { Engine } from "../../src/db/client.js";
import { silentLogger } from "../../src/logger.js";
import { createBot } from "../../src/conversation/bot.js";
import { createTurnPorts } from "../../src/turn-ports.js";
import type { Bot } from "../../src/conversation/types.js";
import { seededDatabase } from "./seeded.js";
import type { TestDatabase } from "./engines.js";

export const NOW = "2021-11-15T10:00:00+08:00";

export interface BotFixture {
  db: TestDatabase;
  bot: Bot;
  clock: ReturnType<typeof fixedClock>;
  /** User id by name (李娜 → 20). */
  id(name: string): number;
  indicatorId(name: string): Promise<number>;
}

export function useSeededBot(engine: Engine): BotFixture {
  const f = {} as BotFixture;
  const ids = new Map<string, number>();
  beforeAll(async () => {
    f.db = await seededDatabase(engine);
    f.clock = fixedClock(NOW);
    f.bot = createBot({ ports: createTurnPorts({ db: f.db, log: silentLogger }), db: f.db, clock: f.clock, log: silentLogger });
    for (const u of await f.db.prisma.user.findMany()) ids.set(u.name, u.id);
    f.id = (name) => {
      const id = ids.get(name);
      if (id === undefined) throw new Error(`no user ${name} in the org chart`);
      return id;
    };
    f.indicatorId = async (name) => (await f.db.prisma.indicator.findFirstOrThrow({ where: { name } })).id;
  }, 120_000);
  afterAll(async () => {
    await f.db?.dispose();
  });
  return f;
}
