// Pure parts of Feishu issue 4: FEISHU_DEPARTMENT_MAP validation, department → section choice, and
// which group mentions are ours (and what text is left).
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { toIncomingMessage } from "../../src/platforms/feishu/payload.js";
import { sectionForDepartments } from "../../src/platforms/feishu/contact-source.js";
import { mention, messageEvent, type FeishuMention } from "../fixtures/feishu-events.js";

const at = new Date("2021-11-15T02:00:00Z");
const groupEvent = (text: string, mentions: FeishuMention[]) =>
  messageEvent({ message_type: "text", content: { text } }, { openId: "ou_1", chatType: "group", chatId: "oc_1", messageId: "om_1", mentions });
const BOT = mention("@_user_2", "ou_bot", "绩效助手");
const OTHER = mention("@_user_1", "ou_zhang", "张三");

describe("FEISHU_DEPARTMENT_MAP", () => {
  it("parses a JSON object of department id → section code; blank or {} is off", () => {
    expect(loadConfig({ FEISHU_DEPARTMENT_MAP: '{"od-1": "mediation", "od-2": "office"}' }).FEISHU_DEPARTMENT_MAP).toEqual({ "od-1": "mediation", "od-2": "office" });
    expect(loadConfig({}).FEISHU_DEPARTMENT_MAP).toBeUndefined();
    expect(loadConfig({ FEISHU_DEPARTMENT_MAP: "  " }).FEISHU_DEPARTMENT_MAP).toBeUndefined();
    expect(loadConfig({ FEISHU_DEPARTMENT_MAP: "{}" }).FEISHU_DEPARTMENT_MAP).toBeUndefined();
  });
  it("refuses invalid JSON and other shapes with a clear config error", () => {
    expect(() => loadConfig({ FEISHU_DEPARTMENT_MAP: "{od-1: mediation}" })).toThrow(/FEISHU_DEPARTMENT_MAP：不是 JSON/);
    for (const bad of ['["mediation"]', '{"od-1": 3}', '{"od-1": ""}', '"mediation"', "null"]) {
      expect(() => loadConfig({ FEISHU_DEPARTMENT_MAP: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ FEISHU_DEPARTMENT_MAP: bad })).toThrow(/FEISHU_DEPARTMENT_MAP：应为 JSON 对象/);
    }
  });
});

describe("department → section", () => {
  const map = { "od-med": "mediation", "od-off": "office" };
  it("takes the first mapped department in the user's order", () => {
    expect(sectionForDepartments(["od-x", "od-off", "od-med"], map)).toEqual({ departmentId: "od-off", sectionCode: "office" });
    expect(sectionForDepartments(["od-med", "od-off"], map)).toEqual({ departmentId: "od-med", sectionCode: "mediation" });
  });
  it("finds nothing for unmapped departments, none at all, or inherited object keys", () => {
    expect(sectionForDepartments(["od-x"], map)).toBeUndefined();
    expect(sectionForDepartments([], map)).toBeUndefined();
    expect(sectionForDepartments(["constructor", "__proto__", "toString"], map)).toBeUndefined();
  });
});

describe("group mentions with the bot's open_id known", () => {
  it("a group message that @-mentions only someone else is not for us", () => {
    expect(toIncomingMessage(groupEvent("@_user_1 调解成功率的目标是多少", [OTHER]), at, "ou_bot")).toEqual({ kind: "ignored", reason: "group message without @bot" });
  });
  it("@bot: our key is stripped, other mentions stay as @name", () => {
    const n = toIncomingMessage(groupEvent("@_user_2 请问 @_user_1 的调解成功率目标", [OTHER, BOT]), at, "ou_bot");
    expect(n).toMatchObject({ kind: "ok", value: { text: "请问 @张三 的调解成功率目标", mentioned: true } });
  });
  it("@_user_1 is not confused with @_user_12; nameless mentions are removed", () => {
    const twelve = mention("@_user_12", "ou_li", ""); // the SDK's type requires `name`; an empty one
    const bot1 = { ...BOT, key: "@_user_1" };
    const n = toIncomingMessage(groupEvent("@_user_1 @_user_12 你好", [bot1, twelve]), at, "ou_bot");
    expect(n).toMatchObject({ kind: "ok", value: { text: "你好" } });
  });
  it("without the bot's open_id any mention counts and every key is stripped (fallback)", () => {
    expect(toIncomingMessage(groupEvent("@_user_1 你好", [OTHER]), at)).toMatchObject({ kind: "ok", value: { text: "你好", mentioned: true } });
  });
});
