// `parse --now <ISO> [--user <name|id>]`: the NLU evaluation command. One message per stdin line →
// one JSON object per stdout line, in order, nothing else on stdout (../shared/nlu/score.mjs reads it).
// Indicators come from the database, so an imported table is what gets matched. A report naming no
// period gets the period the bot would put on its card (domain/default-period.ts): with --user the
// indicator's standing reports come from the database, without it none are assumed.
import { createInterface } from "node:readline";
import { AppError } from "../../errors.js";
import { loadIndicatorCatalog } from "../../conversation/indicator-catalog.js";
import { parseMessage } from "../../conversation/nlu/parse.js";
import type { ParsedMessage } from "../../conversation/nlu/types.js";
import { findUser } from "../../users/users.js";
import { defaultReportPeriod } from "../../domain/default-period.js";
import { reportPeriodFor } from "../../conversation/report-period.js";
import { shanghaiDate } from "../../domain/shanghai-time.js";
import { parseArgs, type Command } from "../command.js";

export const parseCommand: Command = {
  name: "parse",
  usage: ["parse [--now <ISO time>] [--user <name|id>]   从标准输入逐行读消息，逐行输出机器人的理解（JSON）"],
  async run(args, { db, clock }, io) {
    const { options, positionals } = parseArgs(args, { options: ["now", "user"] });
    if (positionals.length) throw new AppError("bad_argument", `多余的参数“${positionals[0]}”`);
    const nowText = options.get("now");
    const now = nowText ? new Date(nowText) : clock.now();
    if (Number.isNaN(now.getTime())) throw new AppError("bad_argument", `--now 不是有效时间：${nowText}（例如 2021-12-01T09:30:00+08:00）`);
    const userKey = options.get("user");
    const user = userKey ? await findUser(db.prisma, userKey) : null;
    const catalog = await loadIndicatorCatalog(db, now);
    // The goal (职责目标) is weak extra evidence for the matcher ("行政执法培训" → 培训人次).
    const docs = catalog.docs.map((d) => ({ ...d, goal: catalog.byId.get(d.id)?.goalName ?? null }));
    const ctx = { now, indicators: docs, sectionId: user?.sectionId ?? null, sections: catalog.sections };
    const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
    const today = shanghaiDate(now);
    const withPeriod = async (p: ParsedMessage): Promise<ParsedMessage> => {
      if (p.intent !== "report_progress" || p.period) return p;
      const ind = p.indicator ? catalog.byId.get(p.indicator.id) : undefined;
      const shape = { id: ind?.id ?? 0, cadence: ind?.cadence ?? null, aggregation: ind?.aggregation ?? "sum" } as const;
      const period = user && ind ? await reportPeriodFor(db, shape, today) : defaultReportPeriod({ ...shape, reported: [] }, today);
      return { ...p, period };
    };
    for await (const line of lines) {
      const ok = io.stdout.write(JSON.stringify(toJson(await withPeriod(parseMessage(line, ctx)), user?.section ?? null)) + "\n");
      if (!ok) await new Promise((resolve) => io.stdout.once("drain", resolve));
    }
    // The CLI exits right after: wait until the OS has every line (a pipe to score.mjs is asynchronous).
    await new Promise<void>((resolve, reject) => io.stdout.write("", (err) => (err ? reject(err) : resolve())));
  },
};

function toJson(p: ParsedMessage, section: { id: number; name: string } | null) {
  return {
    text: p.text,
    intent: p.intent,
    indicator: p.indicator,
    candidates: p.candidates.map((c) => ({ name: c.name, score: c.score })),
    value: p.value,
    unit: p.unit,
    period: p.period ? { start: p.period.start, end: p.period.end } : null,
    // 我们 / 本科室 with --user: the asker's section is the scope of a list or progress question.
    ...(p.ownSection ? { ownSection: true, section: section ? { id: section.id, name: section.name } : null } : {}),
    // A section named in the message ("普法科负责哪些指标").
    ...(p.section ? { section: p.section } : {}),
    ...(p.choice !== null ? { choice: p.choice } : {}),
    ...(p.status !== null ? { status: p.status } : {}),
    // Further items of a report that carries several ("十月份15篇，十一月份10篇").
    ...(p.more?.length ? { more: p.more.map((m) => ({ text: m.text, value: m.value, unit: m.unit, period: m.period ? { start: m.period.start, end: m.period.end } : null, indicator: m.indicator?.name ?? null })) } : {}),
  };
}
