// Issue 8, DingTalk: robot messages of every kind (typed fixtures from dingtalk-stream's types and the
// receive-message doc) through the Stream SDK against the fake gateway, into the real channel,
// pipeline and conversation core on the seeded 2021 data. Also: a SYSTEM `disconnect` frame makes
// the client open a new connection at once (the watchdog is far too slow to be the one doing it).
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { seededDatabase } from "../helpers/seeded.js";
import { waitFor, type SentMessage } from "./fakes/dingtalk.js";
import { startHarness, type Harness } from "./dingtalk-harness.js";
import { audio, file, picture, richText, text, video, type RobotBody } from "../fixtures/dingtalk-messages.js";

const STAFF = "demo_mediation_staff1"; // 李娜, 人民参与和促进法治科, owns 调解成功率

describeEachEngine("DingTalk message kinds, real shape (stream)", (engine) => {
  let db: TestDatabase;
  let h: Harness;
  beforeAll(async () => {
    db = await seededDatabase(engine);
    // Watchdog every minute, silence tolerated for two: only the disconnect frame can explain a quick reconnect.
    h = await startHarness({ db, mode: "stream", watchdogIntervalMs: 60_000, staleMs: 120_000 });
    await waitFor(() => h.fake.openSockets === 1, 5_000, "stream connection");
  });
  afterAll(async () => {
    await h?.close();
    await db?.dispose();
  });

  /** Every reply to one message; `ignored` messages are only waited for until acked. */
  async function send(body: RobotBody, o: { group?: boolean; atBot?: boolean } = {}): Promise<SentMessage[]> {
    const before = h.fake.sent.length;
    const acked = h.fake.acks.length;
    const frameId = h.fake.pushRobotMessage(h.fake.robotMessageOf(body, { staffId: STAFF, ...o }));
    await waitFor(() => h.fake.acks.includes(frameId), 5_000, "ack");
    expect(h.fake.acks.length).toBe(acked + 1);
    if (!(o.group && o.atBot === false)) await waitFor(() => h.fake.sent.length > before, 10_000, "a reply");
    await h.channel.idle();
    await new Promise((r) => setTimeout(r, 200));
    return h.fake.sent.slice(before);
  }

  it("a voice message's recognition is read: 报一下十月调解成功率百分之九十九 → confirmation → stored", async () => {
    const [card] = await send(audio("报一下十月调解成功率百分之九十九"));
    expect(card?.text).toContain("调解成功率");
    expect(card?.text).toContain("99");
    expect(card?.text).toMatch(/回复.确认/);
    const [done] = await send(text("确认"));
    expect(done?.text).toMatch(/已记录|已保存|已报送/);
    const stored = await db.prisma.progressReport.findMany({ where: { value: 99 }, include: { indicator: true } });
    expect(stored.map((r) => [r.indicator.name, r.periodStart.toISOString().slice(0, 7)])).toEqual([["调解成功率", "2021-10"]]);
  });

  it("a voice message without recognition, a picture, a file and a video each get the polite line", async () => {
    for (const body of [audio(), picture(), file(), video()]) {
      const replies = await send(body);
      expect(replies.map((r) => r.text)).toEqual([expect.stringContaining("只能读文字或语音消息")]);
    }
  });

  it("richText: the text items in order (a picture between them is skipped)", async () => {
    const replies = await send(richText([{ text: "调解成功率" }, { downloadCode: "dc-1", type: "picture" }, { text: "的目标是多少" }]));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain("98%");
  });

  it("group rule for every kind: a picture or voice not @-addressed to the robot gets nothing", async () => {
    expect(await send(picture(), { group: true, atBot: false })).toEqual([]);
    expect(await send(audio("调解成功率的目标是多少"), { group: true, atBot: false })).toEqual([]);
    const [answer] = await send(audio("调解成功率的目标是多少"), { group: true });
    expect(answer?.text).toContain("98%");
  });

  it("a SYSTEM disconnect frame: a new connection at once, and messages keep arriving", async () => {
    const opened = h.fake.connectionsOpened;
    h.fake.sendDisconnect(5_000);
    await waitFor(() => h.fake.connectionsOpened === opened + 1 && h.fake.openSockets === 1, 2_000, "reconnect after disconnect");
    const [answer] = await send(text("调解成功率的目标是多少"));
    expect(answer?.text).toContain("98%");
    expect(h.fake.connectionsOpened).toBe(opened + 1);
  });
});
