// Charts in Feishu answers (issue 14 item 2): the official SDK uploads the chart through
// im/v1/images (a fake shaped from the 上传图片 docs, tests/e2e/fakes/feishu-openapi.ts) and the card
// shows it as an img element with that image_key; the upload happens once per outbox row (a retried
// send reuses the saved key); a failed upload sends the card as text — the reply never fails.
import { afterAll, beforeAll, expect, it } from "vitest";
import { FeishuSender } from "../../src/platforms/feishu/sender.js";
import { silentLogger } from "../../src/logger.js";
import type { Json, SendContext } from "../../src/outbox/types.js";
import type { Reply } from "../../src/conversation/types.js";
import type { ChartDefinition } from "../../src/charts/render.js";
import { RetryableError } from "../../src/outbox/errors.js";
import { FakeFeishuOpenApi } from "./fakes/feishu-openapi.js";

const app = { appId: "cli_chart", appSecret: "chart-secret" };
let fake: FakeFeishuOpenApi;
let sender: FeishuSender;
const target = { receive_id_type: "open_id", receive_id: "ou_head" } as const;

const spec: ChartDefinition = {
  id: "section-1", title: "普法与依法治理科：指标灯", width: 480, height: 240,
  option: { title: { text: "普法与依法治理科：指标灯" }, xAxis: { type: "value" }, yAxis: { type: "category", data: ["新媒体平台建设"] }, series: [{ type: "bar", data: [95] }] },
};
const reply = (title: string): Reply => ({ kind: "card", card: { title, tone: "info", lines: ["🟢 新媒体平台建设：79篇"], chart: { alt: spec.title, spec } } });

function context(): SendContext & { saved: Json[] } {
  const c = { progress: null as Json, saved: [] as Json[], async saveProgress(p: Json) { c.progress = p; c.saved.push(p); } };
  return c;
}
const elements = (title: string) => {
  const m = fake.messages.find((x) => x.text.includes(title))!;
  return (m.content as { elements: { tag: string; img_key?: string }[] }).elements;
};

beforeAll(async () => {
  fake = await new FakeFeishuOpenApi(app).start();
  sender = new FeishuSender({ ...app, domain: fake.base }, silentLogger);
});
afterAll(() => fake.stop());

it("uploads the chart as a PNG and shows it in the card as an img element", async () => {
  await sender.send(target, reply("科室双监控"), "k-chart-1", context());
  expect(fake.images.size).toBe(1);
  const [key, png] = [...fake.images][0]!;
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  expect(elements("科室双监控")).toEqual(expect.arrayContaining([expect.objectContaining({ tag: "img", img_key: key })]));
}, 60_000);

it("uploads once per outbox row: a send retried after a failure reuses the saved image_key", async () => {
  const ctx = context();
  const before = fake.imageRequests;
  fake.faults.push("500"); // the message create fails after the upload succeeded
  await expect(sender.send(target, reply("重试的图"), "k-chart-2", ctx)).rejects.toBeInstanceOf(RetryableError);
  expect(ctx.saved).toEqual([{ chartKey: expect.stringMatching(/^img_v2_/) }]);
  await sender.send(target, reply("重试的图"), "k-chart-2", ctx);
  expect(fake.imageRequests - before).toBe(1);
  expect(elements("重试的图")).toEqual(expect.arrayContaining([expect.objectContaining({ tag: "img", img_key: (ctx.progress as { chartKey: string }).chartKey })]));
}, 60_000);

it("sends the card as text when the upload fails", async () => {
  fake.imageFaults.push({ status: 400, code: 234006, msg: "The file size exceeds the limit." });
  await sender.send(target, reply("上传失败"), "k-chart-3", context());
  const els = elements("上传失败");
  expect(els.some((e) => e.tag === "img")).toBe(false);
  expect(els.some((e) => e.tag === "markdown")).toBe(true);
}, 60_000);

it("sends an official table as a Feishu file message after the card (uploaded through im/v1/files)", async () => {
  const xlsx = Buffer.from("PK\u0003\u0004 fake xlsx bytes");
  const table: Reply = { kind: "card", card: { title: "绩效运行监控表", tone: "info", lines: ["下载链接：https://jx.example.gov.cn/dashboard/file/monitoring?k=t"], attachment: { name: "2021年绩效运行监控表（1-10月）.xlsx", base64: xlsx.toString("base64") } } };
  const ctx = context();
  await sender.send(target, table, "k-file-1", ctx);
  const [fileKey, stored] = [...fake.files][0]!;
  expect(stored).toMatchObject({ name: "2021年绩效运行监控表（1-10月）.xlsx", type: "xls" });
  expect(stored!.bytes.equals(xlsx)).toBe(true);
  const fileMessage = fake.messages.find((m) => m.msgType === "file")!;
  expect(fileMessage.content).toEqual({ file_key: fileKey });
  // a retry of the row: no second upload, and the repeated uuid is dropped by Feishu
  await sender.send(target, table, "k-file-1", ctx);
  expect(fake.files.size).toBe(1);
  expect(fake.messages.filter((m) => m.msgType === "file")).toHaveLength(1);
}, 60_000);
