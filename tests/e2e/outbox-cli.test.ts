// A message that failed for good is visible: Feishu answers 230013 (user outside the app's
// availability) through the official SDK to the fake, the row fails; `outbox failed` lists it with
// the person and reason (Chinese, and --json), /healthz counts it, `outbox retry` re-queues it.
// The CLI and the server run as child processes on the same data folder, as an administrator would.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import { silentLogger } from "../../src/logger.js";
import { createOutbox } from "../../src/outbox/index.js";
import { createFeishuSender } from "../../src/platforms/feishu/index.js";
import { runCli, startServer } from "../helpers/spawn.js";
import { FakeFeishuOpenApi } from "./fakes/feishu-openapi.js";

const APP = { appId: "cli_0a1b2c3d4e5f6071", appSecret: "outbox-cli-secret" };

describe("outbox failed / retry", () => {
  const env = { DATA_DIR: mkdtempSync(path.join(tmpdir(), "jx-outbox-cli-")) };
  let fake: FakeFeishuOpenApi;
  let failedId = 0;

  beforeAll(async () => {
    fake = await new FakeFeishuOpenApi(APP).start();
    const db: Database = await openDatabase({ dataDir: env.DATA_DIR });
    try {
      await migrate(db);
      const sender = createFeishuSender(
        { FEISHU_APP_ID: APP.appId, FEISHU_APP_SECRET: APP.appSecret, FEISHU_MODE: "ws", FEISHU_ENCRYPT_KEY: undefined, FEISHU_VERIFICATION_TOKEN: undefined, FEISHU_DOMAIN: fake.base },
        silentLogger,
      );
      fake.faults.push({ status: 400, code: 230013, msg: "Bot has NO availability to this user." });
      const outbox = createOutbox({ db, senders: [sender], log: silentLogger });
      await outbox.enqueue([
        { idempotencyKey: "cli-failed-1", platform: "feishu", target: { receive_id_type: "open_id", receive_id: "ou_outside_availability" }, payload: { kind: "text", text: "您好" } },
      ]);
      await outbox.runOnce();
      failedId = (await db.prisma.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: "cli-failed-1" } })).id;
    } finally {
      await db.close();
    }
  }, 240_000);
  afterAll(() => fake.stop());

  it("lists the permanently failed message with its recipient and reason, in Chinese and as JSON", () => {
    const r = runCli(["outbox", "failed"], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("共 1 条消息未能确认送达");
    expect(r.stdout).toMatch(new RegExp(`#${failedId} 发送失败 · 飞书回复 · 接收人 ou_outside_availability · 尝试 1 次`));
    expect(r.stdout).toMatch(/原因：.*230013.*availability/);
    const json = JSON.parse(runCli(["outbox", "failed", "--json"], env).stdout) as Array<{ id: number; status: string; recipient: string; reason: string }>;
    expect(json).toMatchObject([{ id: failedId, status: "failed", recipient: "ou_outside_availability" }]);
    expect(json[0]!.reason).toMatch(/230013/);
  }, 240_000);

  it("counts it in /healthz details", async () => {
    const server = await startServer({ ...env, REMINDERS: "off" });
    try {
      const body = (await (await fetch(`http://127.0.0.1:${server.port}/healthz`)).json()) as { status: string; details?: { outbox?: { failed: number; unknown: number } } };
      expect(body).toMatchObject({ status: "ok", details: { outbox: { failed: 1, unknown: 0 } } });
    } finally {
      await server.stop();
    }
  }, 120_000);

  it("retry re-queues it; bad input gets a clear Chinese answer and changes nothing", () => {
    const bad = runCli(["outbox", "retry"], env);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr + bad.stdout).toContain("请给出消息编号，或使用 --all");
    const retried = runCli(["outbox", "retry", String(failedId), "999999"], env).stdout;
    expect(retried).toContain(`已重新排队 1 条消息：#${failedId}`);
    expect(retried).toContain("以下编号不存在或不是失败/未知状态，未处理：#999999");
    expect(runCli(["outbox", "failed"], env).stdout).toContain("没有发送失败或送达情况未知的消息");
  }, 240_000);
});
