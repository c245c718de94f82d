// Issue 13 item 5 in the conversation, on the 2021 table with demo data through October (clock
// pinned to 2021-11-15): lights with counts, gap and per-month need; who sees what; no ranking.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, expect, it } from "vitest";
import { exportMonitoring } from "../../src/monitoring/export-monitoring.js";
import { describeEachEngine } from "../helpers/engines.js";
import { useSeededBot } from "../helpers/bot-fixture.js";
import { talk } from "../helpers/conversation.js";
import { renderAll } from "../../src/conversation/replies/render-text.js";
import { message } from "../helpers/conversation.js";
import { demoFill } from "../../src/monitoring/demo.js";
import { loadMonitoringSettings } from "../../src/monitoring/settings.js";

describeEachEngine("conversation: 双监控 and 自评", (engine) => {
  const f = useSeededBot(engine);
  beforeAll(async () => {
    await demoFill(f.db, loadMonitoringSettings(), f.clock.now(), 2021, 10);
  }, 180_000);

  it("an admin sees the bureau light with colour counts and every section in table order", async () => {
    const replies = await f.bot.handle(message({ platform: "local", externalUserId: String(f.id("张伟")) }, "全局双监控"));
    const text = renderAll(replies);
    expect(text).toMatch(/数据截至2021年10月/);
    expect(text).toMatch(/全局 .{1,2}(红|黄|绿|蓝|灰)灯/);
    const sections = await f.db.prisma.section.findMany({ include: { indicators: { select: { position: true } } } });
    const tableOrder = sections.filter((s) => s.indicators.length > 0)
      .sort((a, b) => Math.min(...a.indicators.map((i) => i.position)) - Math.min(...b.indicators.map((i) => i.position)))
      .map((s) => s.name);
    const shown = tableOrder.map((name) => text.indexOf(name));
    expect(shown.every((i) => i > 0)).toBe(true);
    expect([...shown].sort((a, b) => a - b)).toEqual(shown); // never re-sorted by light
  });

  it("staff see their own section with the gap and what is needed per remaining month", async () => {
    await talk(f.bot, f.id("李娜")).send("我们科监控灯")
      .expect("人民参与和促进法治科双监控", /距年度目标还差 \d+/, /还需每月约 \d+/)
      .expectNot("各科室");
    await talk(f.bot, f.id("李娜")).send("全局双监控").expect("人民参与和促进法治科双监控", "全局情况由管理员和计划财务装备科查看");
  });

  it("a monitoring question while a confirmation waits is answered, and the card still confirms", async () => {
    await talk(f.bot, f.id("李娜")).send("本月调解成功率99.2%").expect(/请确认/)
      .send("我们科监控灯").expect("人民参与和促进法治科双监控")
      .send("确认").expect("已记录");
  });

  it("budget pace and the 自评 preview go to the finance section and admins only", async () => {
    await talk(f.bot, f.id("李娜")).send("预算执行进度").expect("由计划财务装备科和管理员查看").expectNot("万元");
    await talk(f.bot, f.id("杜强")).send("预算执行进度").expect(/合计 .+执行率 \d+\.\d%，比时间进度 [-+]\d+\.\d\d 个百分点/, "基本支出");
    await talk(f.bot, f.id("张伟")).send("自评预计多少分").expect(/预计 \d+\.\d\d 分，等级 [优良中差]/, "× 10 =");
  });
});

describeEachEngine("conversation: 偏差原因 in the August round", (engine) => {
  const f = useSeededBot(engine);

  it("a report that leaves 值班律师 red asks for the reason once; the answer appears in the exported table", async () => {
    f.clock.set(new Date("2021-08-10T10:00:00+08:00"));
    // 值班人次≥800人 through July: T·t = 466.67; 100 → 0.21 → red
    await talk(f.bot, f.id("袁媛")).send("7月值班人次100人次").expect(/确认/).send("确认")
      .expect("已记录", "偏差原因", "1. 经费保障", "5. 其他");
    await talk(f.bot, f.id("袁媛")).send("3 值班律师人手不足").expect("完成目标可能性", "2. 有可能");
    await talk(f.bot, f.id("袁媛")).send("2").expect("全年预计完成值");
    await talk(f.bot, f.id("袁媛")).send("650").expect("已记录", "偏差原因和全年预计完成值");
    // a correction of the same month in the same round: not asked again
    await talk(f.bot, f.id("袁媛")).send("7月值班人次120人次").expect(/确认/).send("确认").expect("已记录").expectNot("偏差原因");
    const file = path.join(mkdtempSync(path.join(tmpdir(), "jx-reason-")), "mon.xlsx");
    await exportMonitoring(f.db, loadMonitoringSettings(), f.clock.now(), 7, file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    let found: ExcelJS.Row | undefined;
    wb.worksheets[0]!.eachRow((row) => { if (row.getCell(3).value === "律师参与涉法涉诉及代理申诉工作") found = row; });
    expect(found).toBeDefined();
    expect(found!.getCell(10).value).toBe("√"); // 人员保障 (the 3rd of the five cause columns H–L)
    expect(found!.getCell(13).value).toBe("值班律师人手不足");
    expect(found!.getCell(14).value).toBe("有可能");
    expect(found!.getCell(7).value).toBe(650);
  });
});
