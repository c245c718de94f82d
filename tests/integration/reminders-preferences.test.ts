// A person's reminder preferences are rows (reminders/preferences.ts), one truth for three users of
// them: the chat writes them ("提醒我每月3号报", "这个月别提醒了"), the administrator lists and
// changes them (`npm run cli -- reminders prefs …`, run in-process through the CLI's own runner), and
// the reminder plan obeys whatever is there now. Bad arguments: exit 2, one Chinese line, nothing changed.
import { beforeAll, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/logger.js";
import { planReminders } from "../../src/reminders/plan.js";
import { listPreferences } from "../../src/reminders/preferences.js";
import type { Services } from "../../src/services.js";
import { useSeededBot } from "../helpers/bot-fixture.js";
import { runCliInProcess } from "../helpers/cli-in-process.js";
import { talk } from "../helpers/conversation.js";
import { describeEachEngine } from "../helpers/engines.js";
import { context } from "../helpers/reminders.js";

const DEC_1 = new Date("2021-12-01T10:00:00+08:00"); // 3 working days before 6 Dec
const DEC_3_AT = (hour: number) => new Date(`2021-12-03T${String(hour).padStart(2, "0")}:00:00+08:00`);

describeEachEngine("reminder preferences: chat, CLI and plan on the same rows", (engine) => {
  const f = useSeededBot(engine);
  let services: Services;
  beforeAll(() => {
    services = { config: loadConfig({}), clock: f.clock, log: silentLogger, db: f.db, close: async () => {} };
  });
  const itemsOf = async (name: string, at: Date) => (await planReminders(context(f.db), at)).items.filter((i) => i.recipient.name === name);

  const cli = (...args: string[]) => runCliInProcess(services, ["reminders", "prefs", ...args]);

  it("what the chat sets is a row: a personal reminder rule and a mute for the cycle under way", async () => {
    await talk(f.bot, f.id("李娜")).send("提醒我每月3号报").expect(/每月3号/);
    await talk(f.bot, f.id("曹德明")).send("这个月别提醒了").expect(/2021年11月/);
    const rule = await f.db.prisma.reminderRule.findUniqueOrThrow({ where: { code: `personal-${f.id("李娜")}-3` } });
    expect(rule).toMatchObject({ kind: "personal", userId: f.id("李娜"), dayOfMonth: 3, hour: 9, enabled: true });
    expect(await f.db.prisma.reminderMute.findMany({ where: { userId: f.id("曹德明") }, select: { periodKey: true } })).toEqual([{ periodKey: "2021-11" }]);
  });

  it("the CLI lists them, everyone with any or one person, in words and as JSON", async () => {
    const all = await cli();
    expect(all.code).toBe(0);
    expect(all.stdout).toContain("有个人提醒设置的人员（2 人）");
    expect(all.stdout).toMatch(new RegExp(`李娜（编号 ${f.id("李娜")}，[^）]+）：个人提醒：每月 3 日 09:00；无免提醒周期`));
    expect(all.stdout).toMatch(/曹德明（编号 \d+，[^）]+）：无个人提醒；免提醒周期：2021-11/);

    const json = await cli("--name", "李娜", "--json");
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ userId: f.id("李娜"), name: "李娜", personal: [{ dayOfMonth: 3, hour: 9 }], muted: [] })]);

    const nobody = await cli("--user", String(f.id("王建国")));
    expect(nobody.stdout).toMatch(/王建国（编号 \d+，[^）]+）：无个人提醒；无免提醒周期/);
  });

  it("the plan follows a change made by the CLI: the hour of a personal reminder, a mute lifted, a mute added", async () => {
    expect((await itemsOf("李娜", DEC_3_AT(9))).map((i) => i.stage)).toEqual(["day-3"]);
    const moved = await cli("set", "--name", "李娜", "--day", "3", "--hour", "15");
    expect(moved).toMatchObject({ code: 0, stderr: "" });
    expect(moved.stdout).toContain("已设置：李娜 每月 3 日 15:00 提醒");
    expect(await itemsOf("李娜", DEC_3_AT(9))).toEqual([]);
    expect((await itemsOf("李娜", DEC_3_AT(15))).map((i) => [i.stage, i.status])).toEqual([["day-3", "due"]]);

    expect((await itemsOf("曹德明", DEC_1))[0]?.status).toBe("muted");
    const lifted = await cli("clear", "--user", String(f.id("曹德明")), "--period", "2021-11");
    expect(lifted.stdout).toContain("已恢复：2021-11 期照常提醒 曹德明");
    expect((await itemsOf("曹德明", DEC_1))[0]?.status).toBe("due");

    const muted = await cli("mute", "--name", "吴振东", "--period", "2021-11", "--json");
    expect(JSON.parse(muted.stdout)).toMatchObject({ changed: true, preferences: { name: "吴振东", muted: ["2021-11"] } });
    expect((await itemsOf("吴振东", DEC_1))[0]?.status).toBe("muted");
    expect((await itemsOf("吴振东", new Date("2021-12-30T09:00:00+08:00")))[0]?.status).toBe("due"); // December's cycle is not muted
    const again = await cli("mute", "--name", "吴振东", "--period", "2021-11");
    expect(again.stdout).toContain("已是免提醒，未改动");

    const audit = await f.db.prisma.auditLog.findMany({ where: { action: { startsWith: "reminder.prefs." } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.subject])).toEqual([
      ["reminder.prefs.set", `user:${f.id("李娜")}`],
      ["reminder.prefs.clear", `user:${f.id("曹德明")}`],
      ["reminder.prefs.mute", `user:${f.id("吴振东")}`],
    ]);
  });

  it("clear --day turns the personal reminder off, and the chat asking again turns it back on", async () => {
    const off = await cli("clear", "--name", "李娜", "--day", "3");
    expect(off.stdout).toContain("已取消：李娜 每月 3 日的个人提醒");
    expect(await itemsOf("李娜", DEC_3_AT(15))).toEqual([]);
    expect((await cli("clear", "--name", "李娜", "--day", "3")).stdout).toContain("没有每月 3 日的个人提醒，未改动");
    await talk(f.bot, f.id("李娜")).send("提醒我每月3号报").expect(/每月3号/);
    expect((await itemsOf("李娜", DEC_3_AT(15))).map((i) => i.stage)).toEqual(["day-3"]);
    const all = await cli("clear", "--name", "李娜", "--all");
    expect(all.stdout).toContain("已清除 李娜 的全部个人提醒设置（1 个提醒日，0 个免提醒周期）");
    expect(await listPreferences(f.db, f.id("李娜"))).toEqual([expect.objectContaining({ personal: [], muted: [] })]);
  });

  it("refuses bad arguments with one Chinese line, exit 2, and changes nothing", async () => {
    const before = await listPreferences(f.db);
    const cases: Array<[string[], RegExp]> = [
      [["set", "--name", "李娜", "--day", "32"], /--day（每月几日）要 1 到 31 之间的整数，收到的是“32”/],
      [["set", "--name", "李娜", "--day", "3", "--hour", "24"], /--hour（几点）要 0 到 23 之间的整数/],
      [["set", "--name", "李娜"], /需要 --day N/],
      [["mute", "--name", "李娜", "--period", "2021-13"], /报送周期请写成 年-月，例如 2021-11，收到的是“2021-13”/],
      [["mute", "--name", "李娜"], /需要 --period 年-月/],
      [["mute", "--period", "2021-11"], /需要 --user 编号 或 --name 姓名/],
      [["set", "--user", "李娜", "--day", "3"], /--user 要人员编号/],
      [["set", "--user", "1", "--name", "李娜", "--day", "3"], /--user 和 --name 只能给一个/],
      [["clear", "--name", "李娜", "--day", "3", "--all"], /要且只要一个/],
      [["mute", "--name", "李娜", "--day", "3", "--period", "2021-11"], /mute 不接受 --day/],
      [["snooze", "--name", "李娜"], /可以跟 set、mute 或 clear/],
    ];
    for (const [args, said] of cases) {
      const r = await cli(...args);
      expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: 2, stdout: "" });
      expect(r.stderr).toMatch(new RegExp(`^错误：.*${said.source}`));
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
    const unknown = await cli("mute", "--user", "99999", "--period", "2021-11");
    expect(unknown).toMatchObject({ code: 1, stdout: "" });
    expect(unknown.stderr).toBe("错误：没有编号为 99999 的人员（users list 列出全部人员）\n");
    expect(await listPreferences(f.db)).toEqual(before);
  });
});
