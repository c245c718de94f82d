// `ask --user <name|id> [--now <ISO>] "<text>"`: one turn as that user through the local platform,
// the reply printed as text. Pending confirmations live in the database, so a following
// `ask … "确认"` stores what the previous call proposed.
import { createTurnPorts } from "../../turn-ports.js";
import { AppError } from "../../errors.js";
import { fixedClock, type Clock } from "../../clock.js";
import { createBot } from "../../conversation/bot.js";
import { renderAll } from "../../conversation/replies/render-text.js";
import type { Bot } from "../../conversation/types.js";
import { findUser } from "../../users/users.js";
import { localMessage } from "../../platforms/local/local-message.js";
import type { Services } from "../../services.js";
import { parseArgs, type Command } from "../command.js";

export const askCommand: Command = {
  name: "ask",
  usage: ['ask --user <name|id> [--now <ISO time>] "<message>"   以该用户身份说一句话，打印回复'],
  async run(args, services, io) {
    const { options, positionals } = parseArgs(args, { options: ["user", "now"] });
    const text = positionals.join(" ").trim();
    if (!text) throw new AppError("bad_argument", "ask 需要一句话，例如：ask --user 王建国 \"调解成功率的目标是多少\"");
    const { bot, userId } = await botForUser(services, options.get("user"), options.get("now"));
    const replies = await bot.handle(localMessage(userId, text, services.clock.now(), "cli"));
    io.stdout.write((replies.length ? renderAll(replies) : "（无回复）") + "\n");
  },
};

/** The bot and user id for a CLI conversation (shared by ask and chat). */
export async function botForUser(services: Services, userKey: string | undefined, nowText: string | undefined): Promise<{ bot: Bot; userId: number; name: string }> {
  if (!userKey) throw new AppError("bad_argument", "需要 --user <姓名或编号>");
  const user = await findUser(services.db.prisma, userKey);
  let clock: Clock = services.clock;
  if (nowText) {
    if (Number.isNaN(Date.parse(nowText))) throw new AppError("bad_argument", `--now 不是有效时间：${nowText}（例如 2021-12-01T09:30:00+08:00）`);
    clock = fixedClock(nowText);
  }
  const ports = createTurnPorts({ db: services.db, log: services.log, dashboard: services.dashboard });
  return { bot: createBot({ db: services.db, clock, log: services.log, ports }), userId: user.id, name: user.name };
}

