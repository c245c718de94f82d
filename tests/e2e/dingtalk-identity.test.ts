// DingTalk users bound from contact departments (DINGTALK_DEPARTMENT_MAP), end to end through the
// real channel (stream), pipeline, turn chain and outbox against the fake DingTalk: an unknown
// staff id is looked up with topapi/v2/user/get (payloads shaped from 根据userid获取用户详情,
// https://open.dingtalk.com/document/orgapp/query-user-details — see tests/e2e/fakes/dingtalk.ts)
// and, in a mapped department, bound as a staff user of that section before the core answers.
import { afterAll, beforeAll, expect, it } from "vitest";
import { onboardingText } from "../../src/conversation/replies/help.js";
import { renderReply } from "../../src/platforms/dingtalk/render.js";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { seededDatabase } from "../helpers/seeded.js";
import { waitFor, type SentMessage } from "./fakes/dingtalk.js";
import { startHarness, type Harness } from "./dingtalk-harness.js";

const DEPARTMENT_MAP = { "5001": "mediation", "5002": "office" };
/** The guest answer as DingTalk shows it (markdown: one paragraph per line). */
const guestAnswer = (staffId: string) => renderReply({ kind: "text", text: onboardingText("dingtalk", staffId) })[0]!.text;

describeEachEngine("DingTalk: users bound from contact departments (DINGTALK_DEPARTMENT_MAP)", (engine) => {
  let db: TestDatabase;
  let h: Harness;
  beforeAll(async () => {
    db = await seededDatabase(engine);
    h = await startHarness({ db, mode: "stream", departmentMap: DEPARTMENT_MAP });
    await waitFor(() => h.fake.openSockets === 1, 5000, "stream connection");
  });
  afterAll(async () => {
    await h?.close();
    await db?.dispose();
  });

  async function say(text: string, staffId: string): Promise<SentMessage> {
    const before = h.fake.sent.length;
    h.fake.pushRobotMessage(h.fake.robotMessage({ text, staffId }));
    await waitFor(() => h.fake.sent.length > before, 10_000, `reply to ${text}`);
    return h.fake.sent[before]!;
  }

  const identityOf = (staffId: string) =>
    db.prisma.identity.findUnique({ where: { platform_externalId: { platform: "dingtalk", externalId: staffId } }, include: { user: { include: { section: true } } } });

  it("an unknown staff id in a mapped department is bound and answered (98%); the next message does not ask the contact API", async () => {
    const staffId = "new_mediator_0451";
    h.fake.contactUsers.set(staffId, { name: "钱多", dept_id_list: [9999, 5001, 5002] });
    expect((await say("调解成功率的目标是多少", staffId)).text).toContain("98%");
    const identity = await identityOf(staffId);
    expect(identity?.user).toMatchObject({ name: "钱多", role: "staff", active: true });
    expect(identity?.user.section?.code).toBe("mediation");
    const audit = await db.prisma.auditLog.findFirst({ where: { action: "user.auto_bind", subject: `user:${identity!.userId}` } });
    expect(audit?.detail).toMatchObject({ platform: "dingtalk", externalId: staffId, section: "mediation", dingtalkDepartmentId: "5001" });
    // Progress needs a bound user: answered as one now.
    expect((await say("培训人次完成多少了", staffId)).text).not.toBe(guestAnswer(staffId));
    expect(h.fake.contactRequests.filter((id) => id === staffId)).toHaveLength(1);
  });

  it("an unmapped department or an unknown staff id stays a guest; nothing is created", async () => {
    h.fake.contactUsers.set("visitor_1", { name: "路人乙", dept_id_list: [7777] });
    const users = await db.prisma.user.count();
    expect((await say("培训人次完成多少了", "visitor_1")).text).toBe(guestAnswer("visitor_1"));
    expect((await say("培训人次完成多少了", "nobody_2")).text).toBe(guestAnswer("nobody_2"));
    expect(await db.prisma.user.count()).toBe(users);
    expect(await identityOf("visitor_1")).toBeNull();
    expect(h.fake.contactRequests).toEqual(expect.arrayContaining(["visitor_1", "nobody_2"]));
  });
});
