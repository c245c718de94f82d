// Feishu issue 4 end to end (webhook, real channel, pipeline, core, outbox, fake Open API):
// - FEISHU_DEPARTMENT_MAP: an unknown open_id is looked up in the contact directory and, in a mapped
//   department, bound as a staff user of that section before the core answers;
// - groups: only an @ of the bot (its open_id from GET /open-apis/bot/v3/info) counts.
import { afterAll, beforeAll, expect, it } from "vitest";
import { onboardingText } from "../../src/conversation/replies/help.js";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { seededDatabase } from "../helpers/seeded.js";
import { waitFor, type ReceivedMessage } from "./fakes/feishu-openapi.js";
import { BOT_MENTION, cardActionEnvelope, messageEnvelope, startFeishuHarness, type FeishuHarness, type Mention } from "./feishu-harness.js";

const DEPARTMENT_MAP = { "od-mediation": "mediation", "od-office": "office" };
const KNOWN = "ou_demo_mediation_staff1";
const SOMEONE_ELSE: Mention = { key: "@_user_1", id: { open_id: "ou_demo_office_head" }, name: "周志刚" };

describeEachEngine("Feishu: users bound from contact departments (FEISHU_DEPARTMENT_MAP)", (engine) => {
  let db: TestDatabase;
  let h: FeishuHarness;
  beforeAll(async () => {
    db = await seededDatabase(engine);
    h = await startFeishuHarness({ db, mode: "webhook", departmentMap: DEPARTMENT_MAP });
  });
  afterAll(async () => {
    await h?.close();
    await db?.dispose();
  });

  // Targets are public (a guest gets them too); progress needs a bound user: the onboarding reply shows who is bound.
  const NEEDS_USER = "培训人次完成多少了";

  async function say(text: string, openId: string): Promise<ReceivedMessage> {
    const before = h.api.messages.length;
    expect((await h.post(messageEnvelope({ text, openId }))).status).toBe(200);
    await waitFor(() => h.api.messages.length > before, 10_000, `reply to ${text}`);
    return h.api.messages[before]!;
  }

  const identityOf = (openId: string) =>
    db.prisma.identity.findUnique({
      where: { platform_externalId: { platform: "feishu", externalId: openId } },
      include: { user: { include: { section: true } } },
    });

  it("an unknown open_id in a mapped department gets a real answer (98%) and is bound; the next message does not ask the contact API", async () => {
    const openId = "ou_new_mediator";
    // Several departments: the first mapped one in department_ids order decides.
    h.api.contactUsers.set(openId, { name: "赵新", department_ids: ["od-unmapped", "od-mediation", "od-office"] });
    const reply = await say("调解成功率的目标是多少", openId);
    expect(reply.text).toContain("98%");
    expect(reply).toMatchObject({ receiveIdType: "open_id", receiveId: openId });
    expect(h.api.contactRequests.filter((id) => id === openId)).toHaveLength(1);

    const identity = await identityOf(openId);
    expect(identity?.user).toMatchObject({ name: "赵新", role: "staff", active: true });
    expect(identity?.user.section?.code).toBe("mediation");
    const audit = await db.prisma.auditLog.findMany({ where: { action: "user.auto_bind" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ subject: `user:${identity!.userId}` });
    expect(audit[0]!.detail).toMatchObject({ platform: "feishu", externalId: openId, section: "mediation", feishuDepartmentId: "od-mediation" });

    const again = await say("调解成功率的目标是多少", openId);
    expect(again.text).toContain("98%");
    expect(h.api.contactRequests.filter((id) => id === openId)).toHaveLength(1);
  });

  it("a known user is answered without a contact lookup", async () => {
    const requests = h.api.contactRequests.length;
    expect((await say("调解成功率的目标是多少", KNOWN)).text).toContain("98%");
    expect(h.api.contactRequests.length).toBe(requests);
  });

  it("an unmapped department gets the onboarding reply, nothing is created, and the miss is remembered", async () => {
    const openId = "ou_visitor";
    h.api.contactUsers.set(openId, { name: "路人甲", department_ids: ["od-elsewhere"] });
    const users = await db.prisma.user.count();
    const audits = await db.prisma.auditLog.count({ where: { action: "user.auto_bind" } });
    const reply = await say(NEEDS_USER, openId);
    expect(reply.text).toBe(onboardingText("feishu", openId));
    expect(await identityOf(openId)).toBeNull();
    expect(await db.prisma.user.count()).toBe(users);
    expect(await db.prisma.auditLog.count({ where: { action: "user.auto_bind" } })).toBe(audits);
    // A second message within the negative-cache window does not ask again.
    expect((await say("还有哪些没报", openId)).text).toBe(onboardingText("feishu", openId));
    expect(h.api.contactRequests.filter((id) => id === openId)).toHaveLength(1);
  });

  it("contact API errors (no permission, 500, unknown to the directory) give the onboarding reply and create nothing", async () => {
    const users = await db.prisma.user.count();
    h.api.contactUsers.set("ou_denied", { name: "钱某", department_ids: ["od-mediation"] });
    h.api.contactFault = "no_permission";
    expect((await say(NEEDS_USER, "ou_denied")).text).toBe(onboardingText("feishu", "ou_denied"));
    h.api.contactUsers.set("ou_server_error", { name: "孙某", department_ids: ["od-mediation"] });
    h.api.contactFault = "500";
    expect((await say(NEEDS_USER, "ou_server_error")).text).toBe(onboardingText("feishu", "ou_server_error"));
    h.api.contactFault = undefined;
    expect((await say(NEEDS_USER, "ou_not_in_directory")).text).toBe(onboardingText("feishu", "ou_not_in_directory"));
    expect(h.api.contactRequests).toEqual(expect.arrayContaining(["ou_denied", "ou_server_error", "ou_not_in_directory"]));
    expect(await db.prisma.user.count()).toBe(users);
    expect(await identityOf("ou_denied")).toBeNull();
  });

  it("a namesake already in the section is not taken over: onboarding reply, an admin binds by hand", async () => {
    h.api.contactUsers.set("ou_other_lina", { name: "李娜", department_ids: ["od-mediation"] });
    const users = await db.prisma.user.count();
    expect((await say(NEEDS_USER, "ou_other_lina")).text).toBe(onboardingText("feishu", "ou_other_lina"));
    expect(await db.prisma.user.count()).toBe(users);
    expect(await identityOf("ou_other_lina")).toBeNull();
  });

  it("a card button pressed by an unknown user in a mapped department binds them too (stale card, not 尚未绑定)", async () => {
    const openId = "ou_card_presser";
    h.api.contactUsers.set(openId, { name: "冯按钮", department_ids: ["od-mediation"] });
    const res = await h.post(cardActionEnvelope({ openId, value: { action: "confirm", token: "someone-elses" }, messageId: "om_x" }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { toast: { content: string } }).toast.content).toBe("该确认已失效");
    expect((await identityOf(openId))?.user.name).toBe("冯按钮");
  });

  it("the same new user's messages arriving together bind once", async () => {
    const openId = "ou_burst";
    h.api.contactUsers.set(openId, { name: "钱多", department_ids: ["od-office"] });
    const before = h.api.messages.length;
    const posts = ["调解成功率的目标是多少", "你好", "帮助"].map((text) => h.post(messageEnvelope({ text, openId })));
    for (const res of await Promise.all(posts)) expect(res.status).toBe(200);
    await waitFor(() => h.api.messages.filter((m) => m.receiveId === openId).length >= 3, 10_000, "three replies");
    expect(h.api.messages.slice(before).some((m) => m.text === onboardingText("feishu", openId))).toBe(false);
    expect(await db.prisma.identity.count({ where: { platform: "feishu", externalId: openId } })).toBe(1);
    expect(await db.prisma.user.count({ where: { name: "钱多" } })).toBe(1);
    expect(h.api.contactRequests.filter((id) => id === openId)).toHaveLength(1);
  });
});

describeEachEngine("Feishu groups: only an @ of the bot counts", (engine) => {
  let db: TestDatabase;
  let h: FeishuHarness;
  beforeAll(async () => {
    db = await seededDatabase(engine);
    h = await startFeishuHarness({ db, mode: "webhook" });
  });
  afterAll(async () => {
    await h?.close();
    await db?.dispose();
  });

  async function groupSay(text: string, mentions: Mention[]): Promise<ReceivedMessage | undefined> {
    const before = h.api.messages.length;
    const env = messageEnvelope({ text, openId: KNOWN, chatType: "group", mentions });
    expect((await h.post(env)).status).toBe(200);
    await waitFor(() => h.api.messages.length > before, 1_500, "group reply").catch(() => undefined);
    await h.channel.idle();
    return h.api.messages[before];
  }

  it("the bot's open_id is fetched once at start", () => {
    expect(h.api.botInfoRequests).toBe(1);
  });

  it("a group message @-mentioning someone else (not the bot) gets no reply and is not stored", async () => {
    const rows = await db.prisma.inboundEvent.count();
    const reply = await groupSay("调解成功率的目标是多少", [SOMEONE_ELSE]);
    expect(reply).toBeUndefined();
    expect(await db.prisma.inboundEvent.count()).toBe(rows);
  });

  it("@bot gets one reply in the group, also next to another mention", async () => {
    const reply = await groupSay("调解成功率的目标是多少", [BOT_MENTION]);
    expect(reply).toMatchObject({ receiveIdType: "chat_id", receiveId: "oc_group1" });
    expect(reply!.text).toContain("98%");

    const before = h.api.messages.length;
    const both = await groupSay("调解成功率的目标是多少", [SOMEONE_ELSE, { ...BOT_MENTION, key: "@_user_2" }]);
    expect(both!.text).toContain("98%");
    await new Promise((r) => setTimeout(r, 200));
    expect(h.api.messages.length).toBe(before + 1);
  });

  it("bot info unavailable: falls back to any @-mention counting", async () => {
    await h.close(false);
    h.api.botOpenId = undefined;
    h = await startFeishuHarness({ db, mode: "webhook", api: h.api });
    const reply = await groupSay("调解成功率的目标是多少", [SOMEONE_ELSE]);
    expect(reply?.text).toContain("98%");
  });
});
