// `chat --user <name> [--now <ISO>]`: an interactive terminal chat with the bot as that user.
// Card buttons are answered by typing 确认 / 取消, as on any channel without buttons.
import { createInterface } from "node:readline/promises";
import { renderAll } from "../../conversation/replies/render-text.js";
import { parseArgs, type Command } from "../command.js";
import { localMessage } from "../../platforms/local/local-message.js";
import { botForUser } from "./ask.js";

export const chatCommand: Command = {
  name: "chat",
  usage: ["chat --user <name|id> [--now <ISO time>]   以该用户身份与机器人对话（Ctrl-D 或“退出”结束；服务运行时经由服务执行）"],
  async run(args, services, io) {
    const { options } = parseArgs(args, { options: ["user", "now"] });
    const { bot, userId, name } = await botForUser(services, options.get("user"), options.get("now"));
    io.stdout.write(`以 ${name} 的身份与绩效助手对话（输入“帮助”查看用法，Ctrl-D 或“退出”结束）\n`);
    const rl = createInterface({ input: io.stdin, output: io.stdout, terminal: Boolean((io.stdin as { isTTY?: boolean }).isTTY) });
    rl.setPrompt("> ");
    rl.prompt();
    for await (const line of rl) {
      const text = line.trim();
      if (text === "退出" || text === "exit") break;
      if (text) {
        const replies = await bot.handle(localMessage(userId, text, services.clock.now(), "cli"));
        io.stdout.write((replies.length ? renderAll(replies) : "（无回复）") + "\n");
      }
      rl.prompt();
    }
    rl.close();
  },
};
