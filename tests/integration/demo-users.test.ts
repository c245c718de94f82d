// Demo people (data/org-chart.json, "demo": true) have guessable messenger ids — ou_demo_office_admin
// is an admin. With a messenger configured they are not loaded, and a database that was first
// started as a demo has their ids unbound (issue 10 item 11). Sections and ownership load either way.
import { afterEach, expect, it } from "vitest";
import { ensureDefaultData, loadDataFiles } from "../../src/catalog/default-data.js";
import { loadConfig } from "../../src/config.js";
import { describeEachEngine, freshDatabase, type TestDatabase } from "../helpers/engines.js";
import { DEFAULT_FILES } from "../helpers/seeded.js";

describeEachEngine("demo users and messengers", (engine) => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.dispose();
    db = undefined;
  });

  it("a start with a messenger configured loads sections and ownership but no demo person", async () => {
    db = await freshDatabase(engine);
    const config = loadConfig({ DINGTALK_CLIENT_ID: "d", DINGTALK_CLIENT_SECRET: "s" });
    await ensureDefaultData(db, { ...DEFAULT_FILES, demoUsers: config.demoUsersEnabled });
    expect(await db.prisma.section.count()).toBeGreaterThan(5);
    expect(await db.prisma.indicator.count({ where: { section: { code: "mediation" } } })).toBeGreaterThan(0);
    expect(await db.prisma.identity.count({ where: { externalId: { in: ["ou_demo_office_admin", "demo_office_admin"] } } })).toBe(0);
    expect(await db.prisma.user.count()).toBe(0);
  });

  it("a demo database started later with a messenger has the demo ids unbound; DEMO_USERS=on keeps them", async () => {
    db = await freshDatabase(engine);
    await loadDataFiles(db, DEFAULT_FILES); // first start: no messenger, the demo
    expect(await db.prisma.identity.count({ where: { externalId: "ou_demo_office_admin" } })).toBe(1);
    await ensureDefaultData(db, { ...DEFAULT_FILES, demoUsers: loadConfig({ DEMO_USERS: "on", DINGTALK_CLIENT_ID: "d", DINGTALK_CLIENT_SECRET: "s" }).demoUsersEnabled });
    expect(await db.prisma.identity.count({ where: { externalId: "ou_demo_office_admin" } })).toBe(1);
    await ensureDefaultData(db, { ...DEFAULT_FILES, demoUsers: false });
    expect(await db.prisma.identity.count({ where: { externalId: { startsWith: "ou_demo_" } } })).toBe(0);
    expect(await db.prisma.identity.count({ where: { externalId: { startsWith: "demo_" } } })).toBe(0);
    // The reports and indicators stay; only the ids are gone.
    expect(await db.prisma.indicator.count()).toBeGreaterThan(0);
  });
});
