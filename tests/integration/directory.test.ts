// The one identity lookup (src/users/directory.ts) and the chain's identity step over it, on both
// engines with the committed org chart: bound messenger accounts and local user ids resolve to
// their user and section; unknown, malformed and deactivated ones do not (no contact source here —
// provisioning is covered end to end in tests/e2e/{feishu,dingtalk}-identity.test.ts).
import { afterAll, beforeAll, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { identity } from "../../src/conversation/chain/identity.js";
import type { TurnContext } from "../../src/conversation/chain/step.js";
import type { TurnPorts } from "../../src/conversation/ports.js";
import { onboardingText } from "../../src/conversation/replies/help.js";
import { silentLogger } from "../../src/logger.js";
import { createDirectory, type Directory } from "../../src/users/directory.js";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { seededDatabase } from "../helpers/seeded.js";

describeEachEngine("user directory", (engine) => {
  let db: TestDatabase;
  let directory: Directory;
  let liNa: number;
  beforeAll(async () => {
    db = await seededDatabase(engine);
    directory = createDirectory({ db, log: silentLogger });
    liNa = (await db.prisma.user.findFirstOrThrow({ where: { name: "李娜" } })).id;
  });
  afterAll(() => db?.dispose());

  it("resolves a bound Feishu or DingTalk account and a local user id to the same person", async () => {
    const expected = { id: liNa, name: "李娜", role: "staff", sectionName: expect.any(String) };
    expect(await directory.resolve("feishu", "ou_demo_mediation_staff1")).toMatchObject(expected);
    expect(await directory.resolve("dingtalk", "demo_mediation_staff1")).toMatchObject(expected);
    expect(await directory.resolve("local", String(liNa))).toMatchObject(expected);
  });

  it("an unknown account, a malformed local id and a deactivated user are nobody", async () => {
    expect(await directory.resolve("feishu", "ou_nobody")).toBeNull();
    expect(await directory.resolve("local", "李娜")).toBeNull();
    await db.prisma.user.update({ where: { id: liNa }, data: { active: false } });
    try {
      expect(await directory.resolve("feishu", "ou_demo_mediation_staff1")).toBeNull();
    } finally {
      await db.prisma.user.update({ where: { id: liNa }, data: { active: true } });
    }
  });

  it("the identity step: a known sender passes on with the user set; someone unknown on the local chat is told how to start", async () => {
    const clock = fixedClock("2021-11-15T10:00:00+08:00");
    const ctx = (platform: "feishu" | "local", externalUserId: string): TurnContext => ({
      message: { platform, messageId: "m1", externalUserId, chatId: "c1", chatType: "p2p", text: "你好", mentioned: true, receivedAt: clock.now(), replyTo: {} },
      db, log: silentLogger, clock, now: clock.now(), ports: { directory } as TurnPorts, committed: false,
    });
    const known = ctx("feishu", "ou_demo_mediation_staff1");
    expect(await identity(known, async () => [{ kind: "text", text: "next" }])).toEqual([{ kind: "text", text: "next" }]);
    expect(known.user?.id).toBe(liNa);
    const guest = ctx("feishu", "ou_nobody");
    expect(await identity(guest, async () => [{ kind: "text", text: "next" }])).toEqual([{ kind: "text", text: "next" }]);
    expect(guest.user).toBeNull();
    expect(await identity(ctx("local", "999999"), async () => [])).toEqual([{ kind: "text", text: onboardingText("local", "999999") }]);
  });
});
