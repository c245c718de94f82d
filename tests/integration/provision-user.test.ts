// provisionUser (self-service binding from a messenger directory) on both engines: one transaction,
// idempotent under concurrency (the unique Identity index decides), never taking over a namesake.
import { afterAll, beforeAll, expect, it } from "vitest";
import { provisionUser, type ProvisionRequest } from "../../src/users/provision-user.js";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { seededDatabase } from "../helpers/seeded.js";

const now = new Date("2026-03-02T01:00:00Z");
const req = (p: Partial<ProvisionRequest> & { externalId: string; name: string }): ProvisionRequest => ({
  platform: "feishu",
  sectionCode: "mediation",
  evidence: { feishuDepartmentId: "od-med" },
  now,
  ...p,
});

describeEachEngine("provisionUser", (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await seededDatabase(engine);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it("creates a staff user of the section, the identity and one user.auto_bind audit row", async () => {
    const out = await provisionUser(db, req({ externalId: "ou_a", name: " 周新 " }));
    expect(out.kind).toBe("created");
    const user = await db.prisma.user.findUniqueOrThrow({ where: { id: (out as { userId: number }).userId }, include: { section: true, identities: true } });
    expect(user).toMatchObject({ name: "周新", role: "staff", active: true });
    expect(user.section?.code).toBe("mediation");
    expect(user.identities).toMatchObject([{ platform: "feishu", externalId: "ou_a" }]);
    const audit = await db.prisma.auditLog.findMany({ where: { action: "user.auto_bind", subject: `user:${user.id}` } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.at.toISOString()).toBe(now.toISOString());
    expect(audit[0]!.detail).toMatchObject({ platform: "feishu", externalId: "ou_a", section: "mediation", role: "staff", feishuDepartmentId: "od-med" });
  });

  it("a redelivery finds the existing binding and creates nothing", async () => {
    const first = await db.prisma.identity.findUniqueOrThrow({ where: { platform_externalId: { platform: "feishu", externalId: "ou_a" } } });
    expect(await provisionUser(db, req({ externalId: "ou_a", name: "周新" }))).toEqual({ kind: "existing", userId: first.userId });
    expect(await db.prisma.user.count({ where: { name: "周新" } })).toBe(1);
  });

  it("concurrent provisioning of one account binds it once; the others get the winner's user", async () => {
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => provisionUser(db, req({ externalId: "ou_race", name: "吴并发" }))));
    expect(outcomes.filter((o) => o.kind === "created")).toHaveLength(1);
    const ids = new Set(outcomes.map((o) => ("userId" in o ? o.userId : -1)));
    expect(ids.size).toBe(1);
    expect(outcomes.every((o) => o.kind === "created" || o.kind === "existing")).toBe(true);
    expect(await db.prisma.user.count({ where: { name: "吴并发" } })).toBe(1);
    expect(await db.prisma.identity.count({ where: { externalId: "ou_race" } })).toBe(1);
    expect(await db.prisma.auditLog.count({ where: { action: "user.auto_bind", subject: `user:${[...ids][0]}` } })).toBe(1);
  });

  it("an account bound by an admin to someone else stays theirs", async () => {
    const lina = await db.prisma.user.findFirstOrThrow({ where: { name: "李娜" } });
    await db.prisma.identity.create({ data: { platform: "feishu", externalId: "ou_admin_bound", userId: lina.id } });
    expect(await provisionUser(db, req({ externalId: "ou_admin_bound", name: "别人" }))).toEqual({ kind: "existing", userId: lina.id });
  });

  it("a namesake in the section or an unknown section code: nothing created", async () => {
    const users = await db.prisma.user.count();
    const lina = await db.prisma.user.findFirstOrThrow({ where: { name: "李娜" } });
    expect(await provisionUser(db, req({ externalId: "ou_lina2", name: "李娜" }))).toEqual({ kind: "name_taken", userId: lina.id });
    expect(await provisionUser(db, req({ externalId: "ou_nowhere", name: "郑某", sectionCode: "no-such-section" }))).toEqual({ kind: "unknown_section" });
    expect(await db.prisma.user.count()).toBe(users);
    expect(await db.prisma.identity.count({ where: { externalId: { in: ["ou_lina2", "ou_nowhere"] } } })).toBe(0);
  });
});
