// Issue 12, item 4: figures written every way office staff write them give the right card — or a
// clear refusal that stores nothing (estimates, ranges). Real parser, real 2021 table, both engines.
import { expect, it } from "vitest";
import { describeEachEngine } from "../helpers/engines.js";
import { useSeededBot } from "../helpers/bot-fixture.js";
import { talk } from "../helpers/conversation.js";

describeEachEngine("conversation: numbers as people write them", (engine) => {
  const f = useSeededBot(engine);

  it.each([
    ["何晶晶", "本月培训人次2万5千人", "25000人"],
    ["何晶晶", "本月培训人次3千5百人", "3500人"],
    ["李娜", "本月调解成功率99\u200b.2%", "99.2%"],
    ["李娜", "本月调解成功率99。2%", "99.2%"],
    ["李娜", "本月调解成功率９９．２％", "99.2%"],
    ["罗晨", "本月各类普法教材购买1,200本", "1200本"],
    ["罗晨", "本月普法教材买了两千两百二十五本", "2225本"],
  ])("%s: %s → a card with %s", async (who, message, figure) => {
    await talk(f.bot, f.id(who)).send(message).expect(/请确认报送/, figure, "2021年11月").expectNot("您的消息中还有").send("取消").expect(/已取消/);
  });

  it.each([
    ["罗晨", "本月普法动态发了十几篇", "“十几篇”不是确切的数字"],
    ["罗晨", "本月普法动态10-15篇", "“10-15篇”是一个范围"],
    ["何晶晶", "本月培训人次几百人", "“几百人”不是确切的数字"],
    ["罗晨", "本月普法动态-3篇", "不能为负数"],
  ])("%s: %s is refused with a reason and stores nothing", async (who, message, reason) => {
    await talk(f.bot, f.id(who)).send(message).expect(reason).expectNot(/请确认报送/).send("确认").expect(/没有待确认/);
    expect(await f.db.prisma.progressReport.count()).toBe(0);
  });
});
