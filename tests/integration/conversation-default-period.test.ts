// Issue 12, item 1: a report naming no period is for the period being collected — the indicator's
// last completed period while it has no standing report — else the current month; "是10月的" /
// "改成9月" changes the period before 确认. On the real 2021 table, both engines.
import { expect, it } from "vitest";
import { describeEachEngine } from "../helpers/engines.js";
import { useSeededBot } from "../helpers/bot-fixture.js";
import { talk } from "../helpers/conversation.js";

describeEachEngine("conversation: the default period is the one being collected", (engine) => {
  const f = useSeededBot(engine);
  const reportsOf = async (name: string) =>
    f.db.prisma.progressReport.findMany({ where: { indicator: { name } }, orderBy: { id: "asc" } });

  it("on 12月1日 after the reminder, 调解成功率99.2% is November's", async () => {
    f.clock.set("2021-12-01T09:30:00+08:00");
    await talk(f.bot, f.id("王建国"))
      .send("调解成功率99.2%")
      .expect(/请确认报送/, "2021年11月", "99.2%")
      .expectNot("2021年12月")
      .send("确认")
      .expect(/已记录/);
    const rows = await reportsOf("调解成功率");
    expect(rows.at(-1)).toMatchObject({ value: 99.2 });
    expect(rows.at(-1)!.periodStart.toISOString().slice(0, 10)).toBe("2021-11-01");
  });

  it("once November stands, the next report naming no period is for the current month", async () => {
    f.clock.set("2021-12-01T10:00:00+08:00");
    await talk(f.bot, f.id("王建国")).send("调解成功率99.5%").expect(/请确认报送/, "2021年12月").send("取消").expect(/已取消/);
  });

  it("是10月的 / 改成9月 change the period before 确认; 确认 stores that period", async () => {
    f.clock.set("2021-11-15T10:00:00+08:00");
    await talk(f.bot, f.id("罗晨"))
      .send("普法动态发了12篇")
      .expect(/请确认报送/, "2021年10月", "12篇")
      .send("改成9月")
      .expect(/请确认报送/, "2021年9月", "12篇")
      .send("是11月的")
      .expect(/请确认报送/, "2021年11月", "12篇")
      .send("确认")
      .expect(/已记录/);
    const rows = await reportsOf("新媒体平台建设");
    expect(rows.map((r) => [r.periodStart.toISOString().slice(0, 7), r.value])).toEqual([["2021-11", 12]]);
  });
});
