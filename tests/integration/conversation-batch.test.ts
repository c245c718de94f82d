// Issue 12, item 2: one message, several figures, one confirmation. Every item is read and checked
// on its own; one card lists the storable ones and the refused ones with the reason; one 确认 stores
// them all in one transaction (a conflict on any item stores none); 取消 stores none; "第2项改成3期"
// corrects one line first. Real parser, 2021 table, both engines.
import { expect, it } from "vitest";
import { describeEachEngine } from "../helpers/engines.js";
import { useSeededBot } from "../helpers/bot-fixture.js";
import { talk } from "../helpers/conversation.js";
import type { Reply } from "../../src/conversation/types.js";

const FOUR = "10月：普法动态12篇，日报专栏2期，普法教材300本，普法考试合格率100%";

describeEachEngine("conversation: several figures in one message", (engine) => {
  const f = useSeededBot(engine);
  const count = () => f.db.prisma.progressReport.count();
  const cards = (r: Reply[]) => r.filter((x) => x.kind === "card");

  it("a 4-item message becomes one card; 取消 stores none", async () => {
    await talk(f.bot, f.id("罗晨"))
      .send(FOUR)
      .do((r) => expect(cards(r)).toHaveLength(1))
      .expect("请确认报送（4项）", "1. 新媒体平台建设 2021年10月：12篇", "2. 日报宣传栏 2021年10月：2期", "3. 各类普法教材购买 2021年10月：300本", "4. 组织开展领导干部普法考试 2021年10月：100%")
      .expectNot("本次只处理第一项")
      .send("取消")
      .expect("已取消，均未保存");
    expect(await count()).toBe(0);
  });

  it("a failure between two of the rows (another report of item 3 lands first) stores none of them", async () => {
    await talk(f.bot, f.id("罗晨")).send(FOUR).expect("请确认报送（4项）");
    // Between the card and 确认, someone else reports item 3 for October: the batch must not half-commit.
    await talk(f.bot, f.id("张伟")).send("十月份普法教材购买250本").expect(/请确认报送/).send("确认").expect(/已记录/);
    expect(await count()).toBe(1);
    await talk(f.bot, f.id("罗晨")).send("确认").expect(/重新发送/);
    expect(await count()).toBe(1);
    const rows = await f.db.prisma.progressReport.findMany();
    expect(rows.map((r) => r.value)).toEqual([250]);
  });

  it("第2项改成3期 corrects one line; one 确认 stores all 4 rows in one transaction", async () => {
    await talk(f.bot, f.id("罗晨"))
      .send(FOUR.replace("普法教材300本", "普法教材250本"))
      .expect("请确认报送（3项）", "3. 各类普法教材购买：不能报送——已记录过")
      .send("取消");
    await talk(f.bot, f.id("罗晨"))
      .send("9月：普法动态12篇，日报专栏2期，普法教材300本，普法考试合格率100%")
      .expect("请确认报送（4项）")
      .send("第2项改成3期")
      .expect("请确认报送（4项）", "2. 日报宣传栏 2021年9月：3期", "1. 新媒体平台建设 2021年9月：12篇")
      .send("确认")
      .expect("已记录4项");
    const sept = await f.db.prisma.progressReport.findMany({ where: { periodStart: new Date("2021-09-01T00:00:00Z") }, orderBy: { id: "asc" } });
    expect(sept.map((r) => r.value).sort((a, b) => a! - b!)).toEqual([3, 12, 100, 300]);
    expect(new Set(sept.map((r) => r.createdAt.getTime())).size).toBe(1);
  });

  it("refused items are listed with their reason next to the storable ones", async () => {
    await talk(f.bot, f.id("罗晨"))
      .send("8月：普法动态12篇，调解成功率99%，普法考试合格率120%")
      .expect("请确认报送（1项）", "1. 新媒体平台建设 2021年8月：12篇", /2\. 调解成功率：不能报送——/, /3\. 组织开展领导干部普法考试：不能报送——.*100/)
      .send("取消");
  });
});
