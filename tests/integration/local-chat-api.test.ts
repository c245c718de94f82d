// The local web chat's HTTP API with a recording fake bot: what reaches the core (an
// IncomingMessage / CardAction on platform "local" whose externalUserId is the user id), the demo
// staff list grouped by section, and clear 400s for bad bodies.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import type { Bot, CardAction, IncomingMessage } from "../../src/conversation/types.js";
import { createHttpServer } from "../../src/http/server.js";
import { silentLogger } from "../../src/logger.js";
import { createLocalChatRouter } from "../../src/platforms/local/router.js";
import { FORBIDDEN_TEXT, newAccessKey } from "../../src/platforms/local/access-key.js";
import { LocalInbox } from "../../src/platforms/local/inbox.js";
import { createLocalSender } from "../../src/platforms/local/sender.js";
import { createOutbox } from "../../src/outbox/index.js";
import { MAX_INBOUND_TEXT_CHARS } from "../../src/conversation/sanitize.js";
import { freshDatabase, type TestDatabase } from "../helpers/engines.js";

const messages: IncomingMessage[] = [];
const actions: CardAction[] = [];
const bot: Bot = {
  handle: async (m) => {
    messages.push(m);
    return [{ kind: "text", text: `收到：${m.text}` }];
  },
  handleAction: async (a) => {
    actions.push(a);
    return { toast: "已记录", card: { title: "已记录", tone: "success", lines: ["**调解成功率** 99.2%"] } };
  },
};

/** This start's web chat key; every call below carries it unless a test says otherwise. */
const KEY = newAccessKey();
const fetch = (url: string, init: RequestInit = {}) => globalThis.fetch(url, { ...init, headers: { "x-chat-key": KEY, ...(init.headers as Record<string, string>) } });

let db: TestDatabase;
let server: Server;
let base: string;
const ids: Record<string, number> = {};
const inbox = new LocalInbox();

beforeAll(async () => {
  db = await freshDatabase("pglite");
  const dept = await db.prisma.department.create({ data: { code: "sfj", name: "临沂市司法局" } });
  const mediation = await db.prisma.section.create({ data: { code: "tj", name: "人民参与和促进法治科", departmentId: dept.id, aliases: [] } });
  const office = await db.prisma.section.create({ data: { code: "bgs", name: "办公室", departmentId: dept.id, aliases: [] } });
  for (const [name, sectionId, role] of [["王科员", mediation.id, "staff"], ["李科长", mediation.id, "head"], ["赵主任", office.id, "head"], ["管理员", null, "admin"]] as const) {
    ids[name] = (await db.prisma.user.create({ data: { name, sectionId, role } })).id;
  }
  await db.prisma.user.create({ data: { name: "已离职", sectionId: office.id, role: "staff", active: false } });
  const http = createHttpServer({ log: silentLogger, routers: [createLocalChatRouter({ bot, db, clock: fixedClock("2021-11-15T10:00:00+08:00"), log: silentLogger, accessKey: KEY, inbox })] });
  server = await http.listen(0, "127.0.0.1");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await db?.dispose();
});

// Response bodies are checked by the assertions that follow.
const json = (res: Response): Promise<any> => res.json();
const post = (path: string, body: unknown, type = "application/json") =>
  fetch(base + path, { method: "POST", headers: { "content-type": type }, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("local web chat API", () => {
  it("serves the chat page at / and /chat", async () => {
    for (const path of ["/", "/chat"]) {
      const res = await fetch(base + path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/text\/html/);
      const html = await res.text();
      expect(html).toContain("<title>绩效助手");
      expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=["']https?:/); // self-contained, no CDN
    }
  });

  it("lists active staff by section, heads first, admins without a section last", async () => {
    const body = await json(await fetch(base + "/api/local/users"));
    expect(body.sections).toEqual([
      { name: "人民参与和促进法治科", users: [{ id: ids["李科长"], name: "李科长", role: "head" }, { id: ids["王科员"], name: "王科员", role: "staff" }], example: null },
      { name: "办公室", users: [{ id: ids["赵主任"], name: "赵主任", role: "head" }], example: null },
      { name: "局机关（未分科室）", users: [{ id: ids["管理员"], name: "管理员", role: "admin" }], example: null },
    ]);
    expect(body.maxTextChars).toBe(MAX_INBOUND_TEXT_CHARS); // no goal table loaded: no example chips beyond the general ones
  });

  it("turns a message into an IncomingMessage for the core and returns its replies", async () => {
    const res = await post("/api/local/messages", { userId: ids["李科长"], text: "  调解成功率的目标是多少 " });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ replies: [{ kind: "text", text: "收到：调解成功率的目标是多少" }], textTooLong: false });
    const m = messages.at(-1)!;
    expect(m).toMatchObject({ platform: "local", externalUserId: String(ids["李科长"]), chatType: "p2p", text: "调解成功率的目标是多少", mentioned: false });
    expect(m.receivedAt.toISOString()).toBe("2021-11-15T02:00:00.000Z");
    await post("/api/local/messages", { userId: String(ids["李科长"]), text: "再问一次" });
    expect(messages.at(-1)!.messageId).not.toBe(m.messageId); // each message its own de-dup key
  });

  it("passes a button press to handleAction", async () => {
    const res = await post("/api/local/actions", { userId: ids["王科员"], value: { action: "confirm", token: "t1" } });
    expect(res.status).toBe(200);
    expect((await json(res)).toast).toBe("已记录");
    expect(actions.at(-1)).toEqual({ platform: "local", externalUserId: String(ids["王科员"]), value: { action: "confirm", token: "t1" } });
  });

  it.each([
    ["/api/local/messages", { text: "你好" }, /userId/],
    ["/api/local/messages", { userId: 1, text: "   " }, /text：不能为空/],
    ["/api/local/messages", { userId: "abc", text: "你好" }, /userId/],
    ["/api/local/actions", { userId: 1, value: { action: "confirm" } }, /value\.token/],
    ["/api/local/actions", { userId: 1 }, /value/],
  ])("answers 400 with a clear message for a bad body (%s %j)", async (path, body, message) => {
    const before = messages.length + actions.length;
    const res = await post(path, body);
    expect(res.status).toBe(400);
    expect((await json(res)).error).toMatch(message);
    expect(messages.length + actions.length).toBe(before);
  });

  it("answers 400 for malformed JSON and for a body that is not JSON", async () => {
    const bad = await post("/api/local/messages", "{userId: 1,");
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toBe("请求体不是有效的 JSON");
    const form = await post("/api/local/messages", "userId=1&text=hi", "application/x-www-form-urlencoded");
    expect(form.status).toBe(400);
    expect((await json(form)).error).toMatch(/userId/);
  });

  it("hands an over-long text to the core (which answers it politely) instead of a 400", async () => {
    const res = await post("/api/local/messages", { userId: ids["李科长"], text: "调".repeat(4500) });
    expect(res.status).toBe(200);
    expect((await json(res)).textTooLong).toBe(true); // the page keeps the typed text
    expect(messages.at(-1)!.text).toHaveLength(4001); // capped at the edge, refused by the bot
  });

  it("serves what the outbox delivered to each user's inbox, after a sequence number", async () => {
    const outbox = createOutbox({ db, senders: [createLocalSender(inbox)], log: silentLogger });
    const card = { title: "绩效数据报送提醒：2021年11月", tone: "info" as const, lines: ["以下 1 项指标还没有数据："] };
    await outbox.enqueue([
      { idempotencyKey: "rem-1", platform: "local", target: { userId: ids["李科长"]! }, payload: { kind: "card", card }, kind: "reminder" },
      { idempotencyKey: "rem-2", platform: "local", target: { userId: ids["管理员"]! }, payload: { kind: "text", text: "报送截止已过" }, kind: "reminder" },
      { idempotencyKey: "rem-3", platform: "local", target: { userId: "x" }, payload: { kind: "text", text: "?" } },
    ]);
    expect(await outbox.runOnce()).toBe(3);
    const all = await json(await fetch(base + "/api/local/inbox?after=0"));
    expect(all.messages.map((m: { userId: number; reply: unknown }) => [m.userId, m.reply])).toEqual([
      [ids["李科长"], { kind: "card", card }],
      [ids["管理员"], { kind: "text", text: "报送截止已过" }],
    ]);
    expect((await json(await fetch(`${base}/api/local/inbox?after=${all.messages[0].seq}`))).messages).toHaveLength(1);
    const rows = await db.prisma.outboundMessage.findMany({ where: { idempotencyKey: { in: ["rem-1", "rem-2", "rem-3"] } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent", "failed"]); // a target that is no user fails for good
    expect(rows[2]!.lastError).toContain("收件人无效");
    const bad = await fetch(base + "/api/local/inbox?after=-1");
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toContain("after");
  });
});

describe("local web chat: this start's secret link", () => {
  const bare = globalThis.fetch;
  it("refuses the page and every API call without the key, in Chinese, and changes nothing", async () => {
    const before = messages.length;
    for (const [path, init] of [
      ["/", {}],
      ["/chat", {}],
      ["/?k=wrong", {}],
      ["/api/local/users", {}],
      ["/api/local/messages", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId: ids["管理员"], text: "还有谁没报" }) }],
      ["/api/local/actions", { method: "POST", headers: { "content-type": "application/json", "x-chat-key": "guess" }, body: JSON.stringify({ userId: 1, value: { action: "confirm", token: "t" } }) }],
    ] as const) {
      const res = await bare(base + path, { ...init, redirect: "manual" });
      expect(res.status, path).toBe(403);
      expect(await res.text()).toContain("专用链接");
    }
    expect(messages.length).toBe(before);
    expect(FORBIDDEN_TEXT).toContain("127.0.0.1");
  });

  it("the printed link sets an HttpOnly SameSite cookie and redirects to the page; the cookie opens the API", async () => {
    const res = await bare(`${base}/?k=${KEY}`, { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const jar = cookie.split(";")[0]!;
    expect((await bare(`${base}/`, { headers: { cookie: jar } })).status).toBe(200);
    expect((await bare(`${base}/api/local/users`, { headers: { cookie: jar } })).status).toBe(200);
  });
});
