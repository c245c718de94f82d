import { afterAll, beforeAll, expect, it } from "vitest";
import { migrate, readMigrations } from "../../src/db/migrate.js";
import { describeEachEngine, freshDatabase, type TestDatabase } from "../helpers/engines.js";

describeEachEngine("migrations", (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase(engine);
  });
  afterAll(() => db.dispose());

  it("records every migration in Prisma's table and applies nothing twice", async () => {
    const rows = await db.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(readMigrations().map((m) => m.name));
    expect(await migrate(db)).toEqual([]);
  });

  it("refuses a migration that was edited after it was applied", async () => {
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
    await expect(migrate(db, edited)).rejects.toThrow(/changed after it was applied/);
  });

  it("refuses a database whose history has a migration this code does not know", async () => {
    const renamed = readMigrations().map((m, i) => (i === 0 ? { ...m, name: `${m.name}_renamed` } : m));
    await expect(migrate(db, renamed)).rejects.toThrow(/does not know: .*_init — it was made by another version/);
  });

  it("lets Prisma read and write through the migrated schema", async () => {
    const dep = await db.prisma.department.create({ data: { code: "t", name: "测试局" } });
    expect(await db.prisma.department.findUnique({ where: { id: dep.id } })).toMatchObject({ name: "测试局" });
  });
});
