// The optional LLM fallback against a fake OpenAI-compatible server on 127.0.0.1: the model's tool
// call fills what the rules could not place; a timeout, an HTTP error or garbage keeps the rules'
// result; the request is the documented chat-completions shape.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLlmClient, type LlmSettings } from "../../src/conversation/nlu/llm-client.js";
import { withLlmFallback } from "../../src/conversation/nlu/llm-fallback.js";
import type { IndicatorDoc, ParseContext, ParsedMessage } from "../../src/conversation/nlu/types.js";
import { fixedClock } from "../../src/clock.js";
import { createBot } from "../../src/conversation/bot.js";
import { createTurnPorts } from "../../src/turn-ports.js";
import { parseMessage } from "../../src/conversation/nlu/parse.js";
import { silentLogger } from "../../src/logger.js";
import type { TestDatabase } from "../helpers/engines.js";
import { seededDatabase } from "../helpers/seeded.js";
import { FakeChatCompletions } from "./fakes/chat-completions.js";

const doc = (id: number, name: string, targetText: string, units: string[], aliases: string[] = []): IndicatorDoc => ({
  id, code: `2021-${id}`, name, group: null, explanation: null, targetText, aliases, units, sectionId: 1,
});
const indicators = [
  doc(11, "调解成功率", "调解成功率达到98%以上", ["%"]),
  doc(12, "新媒体平台建设", "普法动态发布不少于300篇", ["篇"]),
  doc(13, "律师参与涉法涉诉及代理申诉工作", "值班律师接待不少于800人次", ["人次"]),
  doc(14, "培训人次", "行政执法人员培训2000人次", ["人次"]),
];
const ctx: ParseContext = { now: new Date("2021-11-15T10:00:00+08:00"), indicators };

function ruled(text: string, over: Partial<ParsedMessage> = {}): ParsedMessage {
  return { text, intent: "unknown", indicator: null, candidates: [], value: null, unit: null, period: null, ownSection: false, choice: null, status: null, ...over };
}

const fake = new FakeChatCompletions();
let settings: LlmSettings;
beforeAll(async () => {
  await fake.start();
  settings = { baseUrl: fake.baseUrl, model: "fake-model", apiKey: "sk-test", timeoutMs: 2000 };
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.requests.length = 0;
});

describe("LLM fallback", () => {
  it("uses the tool call for a message the rules could not place, mapping names through the matcher", async () => {
    const text = "这个月人民调解那块成功率做到了九十九点二";
    const parse = withLlmFallback(() => ruled(text), createLlmClient(settings));
    // A hallucinated id must be ignored; the typo'd name goes through the fuzzy matcher.
    fake.answerNext({ toolCall: { intent: "report_progress", indicator: "调节成功率", indicator_id: 999, value: "99.2", unit: "%", period: "这个月" } });
    const parsed = await parse(text, ctx);
    expect(parsed).toMatchObject({
      intent: "report_progress",
      indicator: { id: 11, name: "调解成功率" },
      value: 99.2,
      unit: "%",
      period: { start: "2021-11-01", end: "2021-11-30" },
    });
  });

  it("sends the model, the extract tool and the messages as documented, with the bearer key", async () => {
    const parse = withLlmFallback(() => ruled("普法公众号发文多少了"), createLlmClient(settings));
    fake.answerNext({ toolCall: { intent: "query_progress", indicator: "新媒体平台建设" } });
    expect((await parse("普法公众号发文多少了", ctx)).indicator).toEqual({ id: 12, name: "新媒体平台建设" });
    const [req] = fake.requests;
    expect(req!.path).toBe("/v1/chat/completions");
    expect(req!.headers.authorization).toBe("Bearer sk-test");
    expect(req!.body.model).toBe("fake-model");
    expect(req!.body.tool_choice).toBeUndefined(); // Ollama rejects it
    expect(req!.body.tools).toHaveLength(1);
    const fn = req!.body.tools[0].function;
    expect(req!.body.tools[0].type).toBe("function");
    expect(fn.name).toBe("extract");
    expect(fn.parameters.properties.intent.enum).toEqual(["query_target", "query_progress", "report_progress", "list_indicators", "overdue", "help", "unknown"]);
    expect(Object.keys(fn.parameters.properties)).toEqual(["intent", "indicator", "value", "unit", "period"]);
    const [system, user] = req!.body.messages;
    expect(user).toEqual({ role: "user", content: "普法公众号发文多少了" });
    expect(system.role).toBe("system");
    for (const i of indicators) expect(system.content).toContain(i.name);
    expect(system.content).toContain("2021年11月15日");
    expect(system.content).not.toContain("{{");
  });

  it("keeps the rules' result when the model is slower than LLM_TIMEOUT_MS", async () => {
    const rules = ruled("说点啥");
    const parse = withLlmFallback(() => rules, createLlmClient({ ...settings, timeoutMs: 150 }));
    fake.answerNext({ delayMs: 3000, toolCall: { intent: "help" } });
    const started = Date.now();
    expect(await parse("说点啥", ctx)).toBe(rules);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it.each([
    ["a body that is not JSON", { raw: "<html>502 Bad Gateway</html>" }],
    ["a completion without a tool call", { raw: JSON.stringify({ choices: [{ message: { content: "我觉得是调解成功率" } }] }) }],
    ["tool arguments that are not JSON", { raw: JSON.stringify({ choices: [{ message: { tool_calls: [{ function: { name: "extract", arguments: "{intent: report" } }] } }] }) }],
    ["an intent outside the enum", { toolCall: { intent: "book_holiday", indicator: "调解成功率" } }],
    ["HTTP 500", { status: 500 }],
    ["HTTP 401", { status: 401 }],
  ] as const)("keeps the rules' result on %s", async (_label, answer) => {
    const rules = ruled("随便问问");
    const parse = withLlmFallback(() => rules, createLlmClient(settings));
    fake.answerNext(answer);
    expect(await parse("随便问问", ctx)).toBe(rules);
    expect(fake.requests).toHaveLength(1);
  });

  it("keeps the rules' result when the server is not there at all", async () => {
    const rules = ruled("随便问问");
    const parse = withLlmFallback(() => rules, createLlmClient({ ...settings, baseUrl: "http://127.0.0.1:9/v1" }));
    expect(await parse("随便问问", ctx)).toBe(rules);
  });

  it("does not call the model when the rules placed the message", async () => {
    const rules = ruled("调解成功率的目标是多少", { intent: "query_target", indicator: { id: 11, name: "调解成功率" } });
    const parse = withLlmFallback(() => rules, createLlmClient(settings));
    expect(await parse("调解成功率的目标是多少", ctx)).toBe(rules);
    const section = ruled("我们科的进度", { intent: "query_progress", ownSection: true });
    expect(await withLlmFallback(() => section, createLlmClient(settings))("我们科的进度", ctx)).toBe(section);
    expect(fake.requests).toHaveLength(0);
  });

  it("only fills what the rules left empty", async () => {
    const text = "本月那个成功率99.2%";
    const rules = ruled(text, { intent: "report_progress", value: 99.2, unit: "%", period: { start: "2021-11-01", end: "2021-11-30", label: "2021年11月", kind: "month" } });
    const parse = withLlmFallback(() => rules, createLlmClient(settings));
    fake.answerNext({ toolCall: { intent: "query_target", indicator: "调解成功率", value: 50, unit: "篇", period: "上半年" } });
    expect(await parse(text, ctx)).toEqual({ ...rules, indicator: { id: 11, name: "调解成功率" }, candidates: expect.any(Array) });
  });

  it("resolves an indicator the rules could only guess at, and keeps their guesses when the model's name matches nothing", async () => {
    const weak = [{ id: 12, name: "新媒体平台建设", score: 0.3 }, { id: 11, name: "调解成功率", score: 0.2 }];
    const rules = ruled("劝和成功的比例要求", { intent: "query_target", candidates: weak });
    const parse = withLlmFallback(() => rules, createLlmClient(settings));
    fake.answerNext({ toolCall: { intent: "query_target", indicator: "调解成功率" } });
    expect(await parse("劝和成功的比例要求", ctx)).toMatchObject({ intent: "query_target", indicator: { id: 11, name: "调解成功率" } });
    fake.answerNext({ toolCall: { intent: "query_target", indicator: "食堂满意度" } });
    expect(await parse("劝和成功的比例要求", ctx)).toEqual({ ...rules, candidates: weak });
  });

  it("leaves a message unknown when the model says so too", async () => {
    const rules = ruled("推荐一部电影");
    const parse = withLlmFallback(() => rules, createLlmClient(settings));
    fake.answerNext({ toolCall: { intent: "unknown" } });
    expect(await parse("推荐一部电影", ctx)).toBe(rules);
  });
});

describe("LLM fallback inside the bot, on the real 2021 table", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await seededDatabase("pglite");
  });
  afterAll(() => db?.dispose());

  it("answers a target question the rules could not place, with a compact prompt of the real indicators", async () => {
    const indicator = await db.prisma.indicator.findFirstOrThrow({ where: { name: "调解成功率" } });
    const head = await db.prisma.user.findFirstOrThrow({ where: { sectionId: indicator.sectionId, role: "head" } });
    const parse = withLlmFallback(parseMessage, createLlmClient(settings));
    const bot = createBot({ ports: createTurnPorts({ db, log: silentLogger }), db, clock: fixedClock("2021-11-15T10:00:00+08:00"), log: silentLogger, parse });
    const text = "老百姓纠纷劝和成了多少比例，今年要求多少";
    fake.answerNext({ toolCall: { intent: "query_target", indicator: "调解成功率" } });
    const replies = await bot.handle({
      platform: "local", messageId: "m1", externalUserId: String(head.id), chatId: "c1", chatType: "p2p", text, mentioned: false, receivedAt: new Date(), replyTo: {},
    });
    // Rules alone ask "请问您指的是哪一个指标？" here; with the model the target comes straight back.
    expect(JSON.stringify(replies)).toContain("98%");
    expect(JSON.stringify(replies)).not.toContain("哪一个指标");
    expect(fake.requests).toHaveLength(1);
    const system: string = fake.requests[0]!.body.messages[0].content;
    expect(system).toContain("调解成功率");
    expect(system.length).toBeLessThan(6000);
  });
});
