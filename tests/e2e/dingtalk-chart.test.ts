// Charts in DingTalk answers (issue 14 item 2): the chart is uploaded through 上传媒体文件
// (POST /media/upload, a fake shaped from https://open.dingtalk.com/document/orgapp/upload-media-files)
// and its media_id embedded in the markdown reply; uploaded once per outbox row (a retried send
// reuses it); a failed upload leaves the markdown as text — the reply is still delivered.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDingTalkSender } from "../../src/platforms/dingtalk/index.js";
import type { Json, SendContext } from "../../src/outbox/types.js";
import type { Reply } from "../../src/conversation/types.js";
import type { ChartDefinition } from "../../src/charts/render.js";
import { FakeDingTalk } from "./fakes/dingtalk.js";

const APP = { clientId: "dingchartapp", clientSecret: "chart-secret", robotCode: "dingchartrobot" };
let fake: FakeDingTalk;
const spec: ChartDefinition = {
  id: "budget", title: "预算执行进度（按项目）", width: 480, height: 240,
  option: { title: { text: "预算执行进度（按项目）" }, xAxis: { type: "value" }, yAxis: { type: "category", data: ["法援经费"] }, series: [{ type: "bar", data: [87] }] },
};
const reply = (title: string): Reply => ({ kind: "card", card: { title, tone: "info", lines: ["合计执行率 58.0%"], chart: { alt: spec.title, spec } } });
const sender = () => createDingTalkSender({
  DINGTALK_CLIENT_ID: APP.clientId, DINGTALK_CLIENT_SECRET: APP.clientSecret, DINGTALK_ROBOT_CODE: APP.robotCode,
  DINGTALK_MODE: "stream", DINGTALK_API_BASE: fake.base, DINGTALK_QPS: 20,
} as Parameters<typeof createDingTalkSender>[0]);
function context(): SendContext {
  const c = { progress: null as Json, async saveProgress(p: Json) { c.progress = p; } };
  return c;
}

beforeAll(async () => {
  fake = await new FakeDingTalk(APP).start();
});
afterAll(() => fake.stop());

it("uploads the chart and embeds its media_id in the markdown reply", async () => {
  await sender().send({ staffId: "staff-1" }, reply("预算执行进度"), "d-chart-1", context());
  expect(fake.media.size).toBe(1);
  const [mediaId, png] = [...fake.media][0]!;
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  const sent = fake.sent.find((m) => m.title.includes("预算执行进度"))!;
  expect(sent.text).toContain(`![预算执行进度（按项目）](${mediaId})`);
}, 60_000);

it("reuses the media_id a previous attempt of the same row saved", async () => {
  const ctx = context();
  ctx.progress = { parts: [], chartKey: "@lADPsaved" };
  const before = fake.mediaRequests;
  await sender().send({ staffId: "staff-2" }, reply("已上传过的图"), "d-chart-2", ctx);
  expect(fake.mediaRequests).toBe(before);
  expect(fake.sent.find((m) => m.title.includes("已上传过的图"))!.text).toContain("(@lADPsaved)");
  expect(ctx.progress).toMatchObject({ chartKey: "@lADPsaved", parts: [{ via: "batchSend" }] });
}, 60_000);

it("sends the markdown without the image when the upload fails", async () => {
  fake.mediaFaults.push(40004);
  await sender().send({ staffId: "staff-3" }, reply("上传失败的图"), "d-chart-3", context());
  const sent = fake.sent.find((m) => m.title.includes("上传失败的图"))!;
  expect(sent.text).toContain("合计执行率 58.0%");
  expect(sent.text).not.toContain("![");
}, 60_000);
