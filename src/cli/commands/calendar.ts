// `calendar show <YEAR>`: each reporting cycle's deadline (moved off days off) and the year's
// holidays and make-up workdays, straight from data/holidays-cn.json and the reminder settings.
import { AppError } from "../../errors.js";
import { makeCycle } from "../../domain/reporting-calendar.js";
import { daysInMonth, isoDate } from "../../domain/shanghai-time.js";
import { dayInfo, knowsYear } from "../../domain/work-calendar.js";
import { dayLabel } from "../../reminders/card.js";
import { readHolidays } from "../../reminders/holidays-file.js";
import { readSettings } from "../../reminders/settings.js";
import { parseArgs, writeJson, type Command } from "../command.js";

export const calendarCommand: Command = {
  name: "calendar",
  usage: ["calendar show <YEAR> [--json]           每月/季/年的报送截止日与节假日"],
  needsDatabase: false,
  async run(args, _services, io) {
    const { flags, positionals } = parseArgs(args, { flags: ["json"] });
    const [sub, yearText] = positionals;
    const year = Number(yearText);
    if (sub !== "show" || !Number.isInteger(year) || year < 2000 || year > 2100) {
      throw new AppError("bad_argument", "用法：calendar show <年份>，例如 calendar show 2021");
    }
    const cal = readHolidays();
    const settings = readSettings();
    const cycles = Array.from({ length: 12 }, (_, i) => makeCycle(cal, year, i + 1, settings.deadlineDay)).map((c) => {
      const nominalMonth = c.month === 12 ? 1 : c.month + 1;
      const nominalYear = c.month === 12 ? year + 1 : year;
      const nominal = isoDate(nominalYear, nominalMonth, Math.min(settings.deadlineDay, daysInMonth(nominalYear, nominalMonth)));
      const why = dayInfo(cal, nominal);
      return {
        cycle: c.key,
        periods: Object.values(c.periods).map((p) => p.label),
        deadline: c.deadline,
        movedFrom: nominal === c.deadline ? null : { date: nominal, because: why.name ?? why.kind },
      };
    });
    const info = cal.years[String(year)];
    const out = { year, source: info?.source ?? null, verified: info?.verified ?? false, cycles, holidays: info?.holidays ?? [], workdays: info?.workdays ?? [] };
    if (flags.has("json")) return writeJson(io, out);

    if (!knowsYear(cal, year)) io.stdout.write(`注意：data/holidays-cn.json 中没有 ${year} 年——只按周末计算；请补充当年的放假通知。\n`);
    else if (!info?.verified) io.stdout.write(`注意：${year} 年（${info?.source}）标记为待与正式通知核对。\n`);
    io.stdout.write(`${year} 年报送截止日（次月 ${settings.deadlineDay} 日，遇休息日顺延到下一个工作日）：\n`);
    for (const c of cycles) {
      const moved = c.movedFrom ? `（由 ${c.movedFrom.date} 顺延：${c.movedFrom.because}）` : "";
      io.stdout.write(`  ${c.periods.join(" + ").padEnd(28)} 截止 ${c.deadline} ${dayLabel(c.deadline)}${moved}\n`);
    }
    io.stdout.write(`节假日：\n`);
    for (const h of out.holidays) io.stdout.write(`  ${h.name.padEnd(4)} ${h.from} – ${h.to}\n`);
    io.stdout.write(`调休上班日：${out.workdays.join("、") || "—"}\n`);
  },
};
