// Reads one year's goal table back out of the database as a Catalog (the shape of the JSON data
// file and of the spreadsheet), with each indicator's owner section code filled in.
import type { PrismaClient } from "../generated/prisma/client.js";
import { AppError } from "../errors.js";
import type { Catalog } from "./catalog-schema.js";
import { referenceValuesOf } from "./reference-values.js";

export async function exportCatalog(prisma: PrismaClient, year?: number): Promise<Catalog> {
  const table = await prisma.goalTable.findFirst({
    where: year ? { year } : {},
    orderBy: { year: "desc" },
    include: {
      department: true,
      indicators: { orderBy: { position: "asc" }, include: { section: true, goal: { include: { duty: true } } } },
    },
  });
  if (!table) throw new AppError("not_found", year ? `no goal table for ${year} is loaded` : "no goal table is loaded");
  return {
    department: { code: table.department.code, name: table.department.name },
    year: table.year,
    budget: {
      total: table.totalBudget.toFixed(2),
      fundingFinance: table.fundingFinance.toFixed(2),
      fundingOther: table.fundingOther.toFixed(2),
      basicExpense: table.basicExpense.toFixed(2),
      projectExpense: table.projectExpense.toFixed(2),
    },
    strategicGoal: table.strategicGoal,
    indicators: table.indicators.map((i) => ({
      code: i.code,
      dutySeq: i.goal.duty.seq,
      duty: i.goal.duty.name,
      goal: i.goal.name,
      group: i.group,
      name: i.name,
      explanation: i.explanation,
      target: i.targetText,
      ...referenceValuesOf(i),
      note: i.note,
      activities: i.activities,
      budgetProject: i.budgetProject,
      aliases: i.aliases,
      section: i.section.code,
      cadence: i.cadence,
    })),
  };
}
