// `npm start` with DingTalk settings, against the fake DingTalk: the composition root wires the
// channel, the outbox and the real bot; a robot message gets its answer in both modes.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { dingtalkSign } from "../../src/platforms/dingtalk/verify.js";
import { startServer } from "../helpers/spawn.js";
import { FakeDingTalk, waitFor } from "./fakes/dingtalk.js";

const APP = { clientId: "dingstartapp", clientSecret: "start-secret", robotCode: "dingstartrobot" };

describe("npm start with DingTalk", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  for (const mode of ["stream", "http"] as const) {
    it(`${mode} mode: a robot message is answered`, async () => {
      const fake = await new FakeDingTalk(APP).start();
      cleanups.push(() => fake.stop());
      const server = await startServer({
        DATA_DIR: mkdtempSync(path.join(tmpdir(), "jx-dingtalk-")),
        BOT_NOW: "2021-11-15T10:00:00+08:00",
        LOG_LEVEL: "warn",
        REMINDERS: "off", // BOT_NOW is a reporting day: reminders would go out via batchSend too
        DINGTALK_CLIENT_ID: APP.clientId,
        DINGTALK_CLIENT_SECRET: APP.clientSecret,
        DINGTALK_ROBOT_CODE: APP.robotCode,
        DINGTALK_MODE: mode,
        DINGTALK_API_BASE: fake.base,
        // The message below comes from a demo person's id; with a messenger configured those load only on request.
        DEMO_USERS: "on",
      });
      cleanups.push(server.stop);
      const msg = fake.robotMessage({ text: "调解成功率的目标是多少", staffId: "demo_mediation_staff1" });
      if (mode === "stream") {
        await waitFor(() => fake.openSockets === 1, 10_000, "stream connection");
        fake.pushRobotMessage(msg);
      } else {
        const timestamp = String(Date.now());
        const res = await fetch(`http://127.0.0.1:${server.port}/dingtalk/events`, {
          method: "POST",
          headers: { "content-type": "application/json", timestamp, sign: dingtalkSign(timestamp, APP.clientSecret) },
          body: JSON.stringify(msg),
        });
        expect(res.status).toBe(200);
      }
      const reply = await waitFor(() => fake.sent.find((s) => s.to === msg.conversationId), 10_000, `reply (logs: ${server.logs().slice(-500)})`);
      expect(reply).toMatchObject({ via: "webhook", to: msg.conversationId, text: expect.stringContaining("98%") });
    });
  }
});
