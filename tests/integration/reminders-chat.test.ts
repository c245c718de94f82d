// The reminders as a user meets them in chat, through the real parser and bot: three working days
// before the deadline the plan names each head with only their missing indicators; a head who
// reports in chat drops out; "提醒我每月3号报" and "这个月别提醒了" change what is planned.
import { beforeAll, expect, it } from "vitest";
import { planReminders } from "../../src/reminders/plan.js";
import { useSeededBot } from "../helpers/bot-fixture.js";
import { message, talk } from "../helpers/conversation.js";
import { renderAll } from "../../src/conversation/replies/render-text.js";
import { describeEachEngine } from "../helpers/engines.js";
import { context } from "../helpers/reminders.js";

const DEC_1 = new Date("2021-12-01T10:00:00+08:00"); // 3 working days before 6 Dec

describeEachEngine("reminders: in chat", (engine) => {
  const f = useSeededBot(engine);
  const plan = async (at = DEC_1) => (await planReminders(context(f.db), at)).items;
  const itemOf = async (name: string, at = DEC_1) => (await plan(at)).find((i) => i.recipient.name === name);
  beforeAll(() => f.clock.set(DEC_1));

  it("names each head with only their section's missing indicators — exactly what 还有谁没报 lists", async () => {
    const items = await plan();
    expect(items.every((i) => i.recipient.role === "head" && i.status === "due")).toBe(true);
    const names = (await itemOf("吴振东"))?.indicators.map((i) => i.name);
    expect(names).toContain("立法项目有序开展");
    // The same list the head gets in chat (one definition of missing, src/domain/missing.ts).
    const chat = await f.bot.handle(message({ externalUserId: String(f.id("吴振东")) }, "还有谁没报"));
    const listed = [...renderAll(chat).matchAll(/· (.+?)（/g)].map((m) => m[1]);
    expect(listed).toEqual(names);
    expect((await itemOf("王建国"))?.indicators.map((i) => i.name)).toContain("调解成功率");
  });

  it("a head who reports the missing data in chat no longer gets it in the plan", async () => {
    await talk(f.bot, f.id("吴振东")).send("11月立法项目有序开展3个").expect(/请确认报送/).send("确认").expect(/已记录/);
    expect((await itemOf("吴振东"))?.indicators.map((i) => i.name) ?? []).not.toContain("立法项目有序开展");
    await talk(f.bot, f.id("王建国")).send("11月调解成功率99.2%").expect(/请确认报送/).send("确认").expect(/已记录/);
    expect((await itemOf("王建国"))?.indicators.map((i) => i.name)).not.toContain("调解成功率");
  });

  it("提醒我每月3号报: a personal reminder on the 3rd with what is still missing", async () => {
    await talk(f.bot, f.id("李娜")).send("提醒我每月3号报").expect(/每月3号/);
    const mine = await itemOf("李娜", new Date("2021-12-03T09:00:00+08:00"));
    expect(mine?.stage).toBe("day-3");
    expect(mine?.indicators.map((i) => i.name)).not.toContain("调解成功率");
  });

  it("这个月别提醒了: muted for November's cycle, back for December's", async () => {
    await talk(f.bot, f.id("曹德明")).send("这个月别提醒了").expect(/2021年11月/);
    expect((await itemOf("曹德明"))?.status).toBe("muted");
    expect((await itemOf("曹德明", new Date("2021-12-30T09:00:00+08:00")))?.status).toBe("due");
  });

  it("an indicator's owner is reminded of exactly what they own, next to the head", async () => {
    const ind = await f.db.prisma.indicator.findFirstOrThrow({ where: { name: "新媒体平台建设" } });
    await f.db.prisma.indicator.update({ where: { id: ind.id }, data: { ownerUserId: f.id("罗晨") } });
    expect(await itemOf("罗晨")).toMatchObject({ recipient: { role: "staff" }, indicators: [{ name: "新媒体平台建设" }] });
    expect((await itemOf("林海燕"))?.indicators.map((i) => i.name)).toContain("新媒体平台建设");
    expect((await itemOf("罗晨"))?.reason).toMatch(/^指标负责人/);
  });
});
