// `npm start` with only the FEISHU_* settings (webhook mode, FEISHU_DOMAIN pointing at the fake
// Feishu Open API): a signed, encrypted message event gets the 98% target as a reply.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServer } from "../helpers/spawn.js";
import { FakeFeishuOpenApi, waitFor } from "./fakes/feishu-openapi.js";
import { APP, messageEnvelope, signedRequest } from "./feishu-harness.js";

describe("npm start with Feishu (webhook mode)", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it("answers 调解成功率的目标是多少 with the 98% target, once", { timeout: 180_000 }, async () => {
    const api = await new FakeFeishuOpenApi(APP).start();
    cleanups.push(() => api.stop());
    const server = await startServer({
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "jx-feishu-start-")),
      BOT_NOW: "2021-11-15T10:00:00+08:00",
      LOG_LEVEL: "warn",
      REMINDERS: "off",
      FEISHU_APP_ID: APP.appId,
      FEISHU_APP_SECRET: APP.appSecret,
      FEISHU_MODE: "webhook",
      FEISHU_ENCRYPT_KEY: APP.encryptKey,
      FEISHU_VERIFICATION_TOKEN: APP.verificationToken,
      FEISHU_DOMAIN: api.base,
      // The message below comes from a demo person's id; with a messenger configured those load only on request.
      DEMO_USERS: "on",
    });
    cleanups.push(server.stop);
    // No web chat once a messenger is configured.
    expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(404);

    const envelope = messageEnvelope({ text: "调解成功率的目标是多少", openId: "ou_demo_mediation_staff1" });
    const { headers, body } = signedRequest(envelope);
    const url = `http://127.0.0.1:${server.port}/feishu/events`;
    const t0 = Date.now();
    const res = await fetch(url, { method: "POST", headers, body });
    expect(res.status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(3000); // Feishu's ack deadline
    await waitFor(() => api.find("98%").length > 0, 60_000, `reply (logs: ${server.logs().slice(-800)})`);
    expect(api.messages).toHaveLength(1);

    // Feishu redelivers the same message under a new event_id: still one reply.
    const again = signedRequest({ ...envelope, header: { ...envelope.header, event_id: "redelivered-1" } });
    expect((await fetch(url, { method: "POST", headers: again.headers, body: again.body })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2000));
    expect(api.find("98%")).toHaveLength(1);

    // A forged signature: refused, nothing sent.
    const forged = signedRequest(messageEnvelope({ text: "调解成功率的目标是多少", openId: "ou_demo_mediation_staff1" }), { signature: "0".repeat(64) });
    expect((await fetch(url, { method: "POST", headers: forged.headers, body: forged.body })).status).toBe(401);
  });
});
