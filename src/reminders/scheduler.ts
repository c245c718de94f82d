// The reminder job: a node-cron tick (every minute by default, Beijing time) that sends whatever
// the database says is due. node-cron forgets runs missed while the process was down and its
// "distributed" option is no lock, so the tick itself is stateless: due work is recomputed from
// rows each time (catch-up), the delivery key makes each send happen once, and the advisory lock
// lets one instance tick at a time.
import cron, { type ScheduledTask } from "node-cron";
import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import { runDueReminders, type OutboxPort, type RunResult } from "./deliver.js";
import type { ReminderContext } from "./plan.js";

export interface SchedulerOptions {
  ctx: ReminderContext;
  clock: Clock;
  log: Logger;
  /** REMINDER_CRON, default "* * * * *". */
  cron: string;
  outbox?: OutboxPort;
}

export interface ReminderScheduler {
  /** Schedules the tick and runs one right away (so a restart catches up without waiting). */
  start(): void;
  stop(): Promise<void>;
  /** One tick now; tests and `reminders run` call this. */
  tick(): Promise<RunResult>;
}

export function createReminderScheduler(opts: SchedulerOptions): ReminderScheduler {
  const log = opts.log.child({ mod: "reminders" });
  if (!cron.validate(opts.cron)) throw new Error(`REMINDER_CRON is not a cron expression: ${opts.cron}`);
  let task: ScheduledTask | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const tick = async (): Promise<RunResult> => {
    const now = opts.clock.now();
    const result = await runDueReminders({ ...opts.ctx, outbox: opts.outbox }, now);
    if (result.sent.length > 0 || result.collided > 0) {
      log.info({ now: now.toISOString(), sent: result.sent.map((s) => s.key), collided: result.collided }, "reminders sent");
    }
    return result;
  };
  // Awaited and logged: a failing tick must not vanish, and the next minute simply tries again.
  const guarded = () => {
    running = tick().catch((err: unknown) => log.error({ err }, "reminder tick failed"));
    return running;
  };

  return {
    start() {
      task = cron.schedule(opts.cron, guarded, { name: "reminders.tick", timezone: "Asia/Shanghai", noOverlap: true });
      void guarded();
    },
    async stop() {
      await task?.destroy();
      task = undefined;
      await running;
    },
    tick,
  };
}
