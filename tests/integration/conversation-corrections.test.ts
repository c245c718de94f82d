// Corrections and withdrawals keep history and say what remains (issue 11), on both engines
// through the real parser: a withdrawal after a replacement brings the replaced figure back and
// the card says so before 确认; 全部撤回 empties the period; a head corrects what his staff
// reported (audited); "…的记录" lists every version with who and when.
import { expect, it } from "vitest";
import { describeEachEngine } from "../helpers/engines.js";
import { useSeededBot } from "../helpers/bot-fixture.js";
import { talk } from "../helpers/conversation.js";

describeEachEngine("conversation: corrections and withdrawals", (engine) => {
  const f = useSeededBot(engine);
  const standing = async (name: string, start: string) =>
    f.db.prisma.progressReport.findFirst({
      where: { indicator: { name }, periodStart: new Date(`${start}T00:00:00Z`), supersededBy: { is: null } },
      orderBy: { id: "desc" },
    });

  it("replace then withdraw: the replaced figure stands again, and the card said so", async () => {
    await talk(f.bot, f.id("张伟")).send("本月调解成功率98.5%").expect(/请确认报送/).send("确认").expect(/已记录/);
    await talk(f.bot, f.id("王建国")).send("本月调解成功率为99.3%").expect(/是否以新数据替换/).send("是").expect(/已记录/);
    await talk(f.bot, f.id("王建国"))
      .send("删除上次的数据")
      .expect(/请确认撤回/, "撤回内容：99.3%", "撤回后2021年11月数值为：98.5%（张伟 11月15日报送）")
      .send("确认")
      .expect(/已撤回/);
    const now = await standing("调解成功率", "2021-11-01");
    expect(now).toMatchObject({ value: 98.5, unit: "%", withdrawn: false });
    expect(now?.restoresId).not.toBeNull();
    // The chat's progress answer reads the restored figure.
    await talk(f.bot, f.id("王建国")).send("调解成功率进度怎么样").expect("98.5%");
  });

  it("全部撤回 empties the period, and the card says nothing will stand", async () => {
    await talk(f.bot, f.id("王建国"))
      .send("调解成功率全部撤回")
      .expect(/请确认撤回/, "撤回后：2021年11月无报送数据")
      .send("确认")
      .expect(/已撤回/);
    expect(await standing("调解成功率", "2021-11-01")).toMatchObject({ withdrawn: true });
  });

  it("a head corrects a figure his staff reported; the audit log records who", async () => {
    await talk(f.bot, f.id("李娜")).send("十月份调解成功率99%").expect(/请确认报送/).send("确认").expect(/已记录/);
    await talk(f.bot, f.id("宋文博")).send("十月份的调解成功率改成97%").expect(/没有找到您可更正的报送记录/);
    await talk(f.bot, f.id("王建国"))
      .send("十月份的调解成功率改成98.8%")
      .expect(/请确认更正/, "98.8%", "原报送：99%（李娜报送")
      .send("确认")
      .expect(/已记录/);
    expect(await standing("调解成功率", "2021-10-01")).toMatchObject({ value: 98.8, reportedById: f.id("王建国") });
    const audit = await f.db.prisma.auditLog.findFirst({ where: { action: "report.correct" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorUserId: f.id("王建国") });
  });

  it("调解成功率11月的记录 lists every version with who and when", async () => {
    await talk(f.bot, f.id("李娜"))
      .send("调解成功率11月的记录")
      .expect(/报送记录（4条）/, "张伟 报送 98.5%", "王建国 更正为 99.3%", "撤回，恢复为 98.5%（张伟 11月15日报送）", "撤回，本期无数据");
  });
});
