// 国庆 2021 moves September's deadline (and the third quarter's) from 5 Oct to 8 Oct; the
// escalation falls on Saturday 9 Oct, a make-up workday. A personal reminder set for the 4th
// waits through the holiday, and nothing at all goes out from 1 to 7 October.
import { afterAll, beforeAll, expect, it } from "vitest";
import { addPersonalReminder } from "../../src/reminders/preferences.js";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { context, simulate, userId, type Sent } from "../helpers/reminders.js";
import { seededDatabase } from "../helpers/seeded.js";

describeEachEngine("reminders: a holiday moving a deadline", (engine) => {
  let db: TestDatabase;
  let sent: Sent[];
  beforeAll(async () => {
    db = await seededDatabase(engine);
    await addPersonalReminder(db, await userId(db, "李娜"), 4);
    sent = await simulate(context(db), { from: "2021-09-22", to: "2021-10-12" }, [7, 9, 21]);
  });
  afterAll(async () => db?.dispose());

  it("sends on 28 Sep, 8 Oct and the make-up Saturday 9 Oct — and never during 国庆", () => {
    const byStage: Record<string, number> = {};
    for (const s of sent) {
      const k = `${s.at} ${s.key.split(":")[1]} ${s.key.split(":").at(-1)}`;
      byStage[k] = (byStage[k] ?? 0) + 1;
    }
    expect(byStage).toEqual({
      "09-28 09:00 2021-09 before-3": 14, // 3 working days before 8 Oct: 30, 29, 28 Sep
      "10-08 09:00 2021-09 deadline": 14,
      "10-08 09:00 2021-09 day-4": 1, // 4 Oct is a holiday: first allowed tick after it
      "10-09 09:00 2021-09 after-1": 1,
    });
  });

  it("lists the third quarter's 定性 indicators with September's", () => {
    const q3 = sent.filter((s) => s.key.startsWith("before-deadline:")).reduce((n, s) => n + s.count, 0);
    expect(q3).toBe(50); // every indicator of the table: monthly ones for September, the rest for Q3
  });
});
