// The real conversation core behind DingTalk, both modes, on the seeded 2021 data: a question, and
// a report confirmed by typing 确认 (DingTalk markdown has no buttons), stored in the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachEngine } from "../helpers/engines.js";
import { seededDatabase } from "../helpers/seeded.js";
import type { TestDatabase } from "../helpers/engines.js";
import { waitFor, type SentMessage } from "./fakes/dingtalk.js";
import { startHarness, type Harness } from "./dingtalk-harness.js";

describeEachEngine("DingTalk conversation with the real bot", (engine) => {
  for (const mode of ["stream", "http"] as const) describe(mode, () => {
    const staffId = "demo_mediation_staff1"; // 李娜, 人民参与和促进法治科, owns 调解成功率
    let db: TestDatabase;
    let h: Harness;
    beforeAll(async () => {
      db = await seededDatabase(engine);
      h = await startHarness({ db, mode });
      if (mode === "stream") await waitFor(() => h.fake.openSockets === 1, 5000, "stream connection");
    });
    afterAll(async () => {
      await h?.close();
      await db?.dispose();
    });

    /** Sends what the user types; resolves with the next reply the fake DingTalk receives. */
    async function say(text: string): Promise<SentMessage> {
      const before = h.fake.sent.length;
      const msg = h.fake.robotMessage({ text, staffId });
      if (mode === "stream") h.fake.pushRobotMessage(msg);
      else expect((await h.post(msg)).status).toBe(200);
      await waitFor(() => h.fake.sent.length > before, 10_000, `reply to ${text}`);
      return h.fake.sent[before]!;
    }

    it(`调解成功率的目标是多少 → 98%`, async () => {
      const reply = await say("调解成功率的目标是多少");
      expect(reply.via).toBe("webhook");
      expect(reply.text).toContain("98%");
    });

    it(`a report asks for a typed 确认, and 确认 stores it`, async () => {
      const card = await say("本月调解成功率99.2%");
      expect(card.text).toContain("99.2");
      expect(card.text).toMatch(/回复.确认.*取消/); // typed answer: DingTalk markdown has no buttons
      const done = await say("确认");
      expect(done.text).toMatch(/已|成功|记录/);
      const user = await db.prisma.identity.findUniqueOrThrow({ where: { platform_externalId: { platform: "dingtalk", externalId: staffId } } });
      const stored = await db.prisma.progressReport.findMany({ where: { value: 99.2 }, include: { indicator: true } });
      expect(stored.map((r) => [r.indicator.name, r.reportedById])).toEqual([["调解成功率", user.userId]]);
    });
  });
});
