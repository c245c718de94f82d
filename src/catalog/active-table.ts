// Which year's goal table the bot works with: the one for the current year (Asia/Shanghai) when it
// is loaded, else the latest loaded year (e.g. the 2021 demo table in 2026). One department.
import type { PrismaClient } from "../generated/prisma/client.js";
import { toShanghai } from "../domain/shanghai-time.js";

export async function activeGoalTableId(prisma: PrismaClient, now: Date): Promise<number | null> {
  const year = toShanghai(now).year;
  const exact = await prisma.goalTable.findFirst({ where: { year }, select: { id: true } });
  if (exact) return exact.id;
  const latest = await prisma.goalTable.findFirst({ orderBy: { year: "desc" }, select: { id: true } });
  return latest?.id ?? null;
}
