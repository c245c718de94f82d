// Asking the bot on the real 2021 table: targets, progress (pace, a named period, the section
// overview), lists, overdue, help, unknown, unknown users, group chats, disambiguation by number.
import { beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../helpers/engines.js";
import { useSeededBot } from "../helpers/bot-fixture.js";
import { talk } from "../helpers/conversation.js";
import { createBot } from "../../src/conversation/bot.js";
import { createTurnPorts } from "../../src/turn-ports.js";
import { silentLogger } from "../../src/logger.js";
import { dateColumn } from "../../src/domain/shanghai-time.js";
import { monthPeriod } from "../../src/domain/reporting-period.js";

describeEachEngine("conversation: asking", (engine) => {
  const f = useSeededBot(engine);

  beforeAll(async () => {
    // 培训人次 (≥5000人): 400 a month for January–October = 4000.
    const indicatorId = await f.indicatorId("培训人次");
    for (let m = 1; m <= 10; m++) {
      const p = monthPeriod(2021, m);
      await f.db.prisma.progressReport.create({
        data: { indicatorId, periodStart: dateColumn(p.start), periodEnd: dateColumn(p.end), value: 400, unit: "人次", reportedById: f.id("何晶晶") },
      });
    }
  });

  it("answers a target question with duty, owner, the target as written and reference values", async () => {
    await talk(f.bot, f.id("孙丽"))
      .send("调解成功率的目标是多少")
      .expect("「调解成功率」目标", "2021年度指标值：98%", "≥ 98%", "人民参与和促进法治科", "维护社会和谐稳定", "上年值：99.70%", "标准值：98.00%", "来源：");
  });

  it("我们的调解目标是多少: the asker's own section's candidates, every target at once, a number opens one", async () => {
    await talk(f.bot, f.id("王建国"))
      .send("我们的调解目标是多少")
      .expect("相关指标的年度目标", "调解成功率（人民参与和促进法治科）：98%", "人民调解员骨干培训班160人", "回复序号")
      .send("3")
      .expect("2021年度指标值", "负责科室：人民参与和促进法治科");
  });

  it("finds the indicator by what people call it (普法动态 → 新媒体平台建设)", async () => {
    await talk(f.bot, f.id("孙丽")).send("普法动态的目标").expect("新媒体平台建设", "普法动态大于100篇", "普法与依法治理科");
  });

  it("gives year-to-date progress with the pace against elapsed time and the monthly values", async () => {
    await talk(f.bot, f.id("郭永强"))
      .send("培训人次进度")
      .expect("累计", "4000人次", /时间进度 87\.\d%（截至11月15日），完成进度 80%，落后/, "2021年1月：400人次", "2021年10月：400人次");
  });

  it("restricts progress to the period the question names (上半年)", async () => {
    await talk(f.bot, f.id("郭永强"))
      .send("上半年培训人次完成多少")
      .expect("2021年上半年累计：2400人次", "截至6月30日", "完成进度 48%")
      .expectNot("2021年7月");
  });

  it("shows the asker's section overview for 我们科的进度", async () => {
    await talk(f.bot, f.id("何晶晶")).send("我们科的进度").expect("行政执法协调监督科完成进度", /⚠️ 培训人次：累计 4000人次，完成 80%，落后/);
  });

  it("lists the section's indicators with last report and a traffic light, without people's names", async () => {
    await talk(f.bot, f.id("高鹏"))
      .send("我们有什么指标")
      .expect("行政执法协调监督科负责的指标（4项）", /培训人次.*最近报送：2021年10月 400人次/)
      .expectNot("何晶晶");
  });

  it("lists a named section's indicators (普法科 → 普法与依法治理科)", async () => {
    await talk(f.bot, f.id("高鹏"))
      .send("普法科负责哪些指标")
      .expect("普法与依法治理科负责的指标（7项）", "日报宣传栏")
      .expectNot("行政执法协调监督科");
  });

  it("shows a named section's overview for 调解科进度怎么样", async () => {
    await talk(f.bot, f.id("高鹏")).send("调解科进度怎么样").expect("人民参与和促进法治科完成进度").expectNot("行政执法协调监督科");
  });

  it("overdue: a section's missing indicators for the last closed period, no names", async () => {
    await talk(f.bot, f.id("高鹏"))
      .send("还有哪些没报")
      .expect("待报送指标 3 项", "（2021年第三季度）")
      .expectNot(/· 培训人次/, "何晶晶", "高鹏");
  });

  it("overdue for an admin: counts per section", async () => {
    await talk(f.bot, f.id("张伟")).send("还有谁没报").expect("各科室上期报送情况", /行政执法协调监督科：待报送 \d+ 项（共 4 项）/, /人民参与和促进法治科/);
  });

  it("help and unknown give example sentences", async () => {
    await talk(f.bot, f.id("孙丽"))
      .send("你好，你能干什么")
      .expect("绩效助手可以帮您", "本月调解成功率99.2%")
      .send("推荐一部电影")
      .expect("没有理解", "回复“帮助”");
  });

  it("an unknown user may ask targets and help (the goal table is public), with one line on how to get access", async () => {
    await talk(f.bot, { platform: "feishu", externalUserId: "ou_nobody" })
      .send("调解成功率的目标是多少")
      .expect("「调解成功率」目标", "98%", "请联系办公室管理员开通", "ou_nobody")
      .expectNot("npm run", "cli --")
      .send("我们的调解目标是多少")
      .expect("相关指标的年度目标", "调解成功率（人民参与和促进法治科）：98%", "请联系办公室管理员开通")
      .send("你能干什么")
      .expect("绩效助手可以帮您", "请联系办公室管理员开通");
  });

  it("tells an unknown user how to get access, with their id — never progress, reports or overdue lists", async () => {
    const guest = talk(f.bot, { platform: "dingtalk", externalUserId: "staff-unknown-7" });
    for (const ask of ["培训人次完成多少了", "本月调解成功率99.2%", "还有哪些没报", "普法科负责哪些指标", "确认"]) {
      guest.send(ask).expect("还没有开通绩效助手", "请联系办公室管理员开通", "staff-unknown-7").expectNot("npm run", "4000", "已记录", "请确认");
    }
    await guest;
    expect(await f.db.prisma.progressReport.count({ where: { value: 99.2 } })).toBe(0);
  });

  it("knows a bound Feishu user by open_id", async () => {
    await talk(f.bot, { platform: "feishu", externalUserId: "ou_demo_mediation_staff1" }).send("我们有什么指标").expect("人民参与和促进法治科负责的指标");
  });

  it("ignores group messages without @, answers when mentioned", async () => {
    const member = { platform: "feishu" as const, externalUserId: "ou_demo_mediation_staff1", chatType: "group" as const };
    await talk(f.bot, member).send("调解成功率的目标是多少").expectNoReply();
    await talk(f.bot, { ...member, mentioned: true }).send("调解成功率的目标是多少").expect("调解成功率");
  });

  it("offers numbered choices for an unclear indicator and continues with the chosen one", async () => {
    await talk(f.bot, f.id("何晶晶"))
      .send("本月培训30人次")
      .expect("请问您指的是哪一个指标", /1\. .+/, "培训人次")
      .send("第二个")
      .expect(/请确认报送|由.+负责/)
      .send("取消");
    await talk(f.bot, f.id("何晶晶"))
      .send("本月培训30人次")
      .do(async (last) => {
        const text = last.map((r) => (r.kind === "text" ? r.text : "")).join("");
        const n = /(\d)\. 培训人次/.exec(text)?.[1];
        expect(n).toBeDefined();
        await talk(f.bot, f.id("何晶晶")).send(n!).expect("请确认报送", "培训人次", "30人次", "2021年11月").send("取消");
      });
  });

  it("never shows a stack trace: a failing turn is a polite Chinese reply", async () => {
    const broken = createBot({ ports: createTurnPorts({ db: f.db, log: silentLogger }), db: f.db, clock: f.clock, log: silentLogger, parse: () => { throw new Error("boom at parse.ts:42"); } });
    await talk(broken, f.id("孙丽")).send("调解成功率的目标是多少").expect("抱歉").expectNot("boom", "parse.ts");
  });
});
