// No secret in a log line (issue 10 item 10): each error path that touches a credential is forced
// against a local fake, every line is captured, and the secrets are looked for in them. Run at
// trace level, and once without the configured-secret mask, so the key-based scrubbing alone must
// hold (the Lark SDK logs its AxiosError, whose config.data is {"app_id","app_secret"}).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { createLogger, type Logger } from "../../src/logger.js";
import { createLlmClient } from "../../src/conversation/nlu/llm-client.js";
import { createOutbox, type Sender } from "../../src/outbox/index.js";
import { FeishuSender } from "../../src/platforms/feishu/sender.js";
import { createDingTalkSender } from "../../src/platforms/dingtalk/index.js";
import { freshDatabase, type TestDatabase } from "../helpers/engines.js";
import { FakeFeishuOpenApi } from "../e2e/fakes/feishu-openapi.js";
import { FakeChatCompletions } from "../e2e/fakes/chat-completions.js";

const FEISHU_SECRET = "feishu-app-secret-0123456789abcdef";
const DINGTALK_SECRET = "dingtalk-client-secret-ZYXWVU987654";
const LLM_KEY = "sk-llm-key-00112233445566778899";
const SECRETS = [FEISHU_SECRET, DINGTALK_SECRET, LLM_KEY];

function capture(masked: boolean): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const log = createLogger("trace", { secrets: masked ? SECRETS : [], destination: { write: (l: string) => void lines.push(l) } });
  return { log, lines };
}

/** A DingTalk gateway that refuses the token and echoes the request (as some proxies do). */
function echoingDingTalk(): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      // DingTalk's error shape: {code, message} (https://open.dingtalk.com/document/orgapp/obtain-the-access_token-of-an-internal-app)
      res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ code: "invalidClientSecret", message: `bad request ${body}` }));
    });
  });
  return new Promise((r) => server.listen(0, "127.0.0.1", () => r({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe.each([true, false])("no secret in the log (value mask %s)", (masked) => {
  let db: TestDatabase;
  let feishu: FakeFeishuOpenApi;
  let dingtalk: { server: Server; base: string };
  let llm: FakeChatCompletions;
  beforeAll(async () => {
    db = await freshDatabase("pglite");
    feishu = await new FakeFeishuOpenApi({ appId: "cli_test", appSecret: FEISHU_SECRET }).start();
    dingtalk = await echoingDingTalk();
    llm = new FakeChatCompletions();
    await llm.start();
  });
  afterAll(async () => {
    await feishu?.stop();
    dingtalk?.server.close();
    await llm?.stop();
    await db?.dispose();
  });

  async function sendThroughOutbox(sender: Sender, log: Logger, target: object): Promise<void> {
    const outbox = createOutbox({ db, senders: [sender], log, pollMs: 20, backoff: { baseMs: 10, maxMs: 20 } });
    await outbox.enqueue([{ idempotencyKey: `${sender.platform}-${Math.random()}`, platform: sender.platform, target: target as never, payload: { kind: "text", text: "你好" } }]);
    await outbox.runOnce();
    await outbox.runOnce();
  }

  it("Feishu: the token endpoint failing (the SDK logs its AxiosError) and the send error", async () => {
    const { log, lines } = capture(masked);
    feishu.tokenFaults.push("500", "500", "500", "500");
    const sender = new FeishuSender({ appId: "cli_test", appSecret: FEISHU_SECRET, domain: feishu.base }, log);
    await sendThroughOutbox(sender, log, { receive_id_type: "open_id", receive_id: "ou_x" });
    const all = lines.join("");
    expect(all).toContain("tenant_access_token"); // the failure was logged…
    expect(all).not.toContain(FEISHU_SECRET); // …without the secret
  });

  it("DingTalk: the token call refused with the request echoed back", async () => {
    const { log, lines } = capture(masked);
    const sender = createDingTalkSender(
      { DINGTALK_CLIENT_ID: "dingapp", DINGTALK_CLIENT_SECRET: DINGTALK_SECRET, DINGTALK_ROBOT_CODE: "r", DINGTALK_MODE: "http", DINGTALK_API_BASE: dingtalk.base },
      fixedClock("2021-11-15T10:00:00+08:00"),
    );
    await sendThroughOutbox(sender, log, { staffId: "s1" });
    const all = lines.join("");
    expect(all).toContain("invalidClientSecret");
    expect(all).not.toContain(DINGTALK_SECRET);
  });

  it("LLM: HTTP errors and an unreachable host, and an error object carrying the request", async () => {
    const { log, lines } = capture(masked);
    llm.answerNext({ status: 401 });
    const ctx = { now: new Date(), indicators: [] };
    await createLlmClient({ baseUrl: llm.baseUrl, model: "m", apiKey: LLM_KEY, timeoutMs: 2000 }, { log }).extract("x", ctx);
    await createLlmClient({ baseUrl: "http://127.0.0.1:1/v1", model: "m", apiKey: LLM_KEY, timeoutMs: 2000 }, { log }).extract("x", ctx);
    // What an HTTP client library's error looks like (axios): config with headers and body.
    const err = Object.assign(new Error("Request failed with status code 401"), {
      config: { headers: { Authorization: `Bearer ${LLM_KEY}` }, data: JSON.stringify({ api_key: LLM_KEY }) },
      response: { status: 401, data: { error: "bad key" }, config: { headers: { Authorization: `Bearer ${LLM_KEY}` } } },
    });
    log.error({ err }, "llm failed");
    log.warn({ request: { headers: { authorization: `Bearer ${LLM_KEY}` } }, apiKey: LLM_KEY }, `calling with Bearer ${LLM_KEY}`);
    const all = lines.join("");
    expect(all).toContain("llm fallback unavailable");
    expect(all).toContain("bad key");
    expect(all).not.toContain(LLM_KEY);
  });

  it("a message text carrying a JSON body with app_secret", () => {
    const { log, lines } = capture(masked);
    log.warn(JSON.stringify({ config: { data: JSON.stringify({ app_id: "cli", app_secret: FEISHU_SECRET }) } }));
    log.warn(`token request body app_secret=${FEISHU_SECRET}&app_id=cli`);
    expect(lines.join("")).not.toContain(FEISHU_SECRET);
  });
});
