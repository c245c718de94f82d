// Progress and monitoring answers carry their chart (issue 14 item 2), on the 2021 demo data through
// October: the chart is a JSON definition on the card (the Senders draw and upload it), built from
// the same monitoring view as the lights in the text; a named period's answer carries none.
import { beforeAll, expect, it } from "vitest";
import type { Reply } from "../../src/conversation/types.js";
import { renderChartSvg, type ChartDefinition } from "../../src/charts/render.js";
import { demoFill } from "../../src/monitoring/demo.js";
import { loadMonitoringSettings } from "../../src/monitoring/settings.js";
import { describeEachEngine } from "../helpers/engines.js";
import { useSeededBot } from "../helpers/bot-fixture.js";
import { message } from "../helpers/conversation.js";

const chartOf = (replies: Reply[]) => (replies[0]?.kind === "card" ? replies[0].card.chart : undefined);

describeEachEngine("chat answers carry charts", (engine) => {
  const f = useSeededBot(engine);
  const ask = (name: string, text: string) => f.bot.handle(message({ platform: "local", externalUserId: String(f.id(name)) }, text));
  beforeAll(async () => {
    await demoFill(f.db, loadMonitoringSettings(), f.clock.now(), 2021, 10);
  }, 180_000);

  it("an indicator's progress answer carries its months-against-pace chart", async () => {
    const id = await f.indicatorId("各类普法教材购买");
    const chart = chartOf(await ask("罗晨", "各类普法教材购买进度"));
    expect(chart?.alt).toContain("各类普法教材购买");
    const spec = chart!.spec as ChartDefinition;
    expect(spec.id).toBe(`indicator-${id}`);
    expect(await renderChartSvg(spec)).toContain("<svg"); // the JSON definition still renders
    expect(chartOf(await ask("罗晨", "各类普法教材购买上半年完成多少"))).toBeUndefined();
  });

  it("the section overview and the 双监控 answers carry the section's and the bureau's charts", async () => {
    const user = await f.db.prisma.user.findUniqueOrThrow({ where: { id: f.id("罗晨") } });
    expect((chartOf(await ask("罗晨", "我们科的进度"))!.spec as ChartDefinition).id).toBe(`section-${user.sectionId}`);
    expect((chartOf(await ask("罗晨", "我们科监控灯"))!.spec as ChartDefinition).id).toBe(`section-${user.sectionId}`);
    expect((chartOf(await ask("张伟", "全局双监控"))!.spec as ChartDefinition).id).toBe("bureau-duties");
    expect((chartOf(await ask("张伟", "预算执行进度"))!.spec as ChartDefinition).id).toBe("budget");
  });
});
