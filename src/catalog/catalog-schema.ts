// The shape of a goal-table catalogue (data/goal-table-<year>.json, or rows read from a spreadsheet)
// and of the org chart (data/org-chart.json). Validated with zod at the edge; trusted inside.
import { z } from "zod";

const text = z.string().trim().min(1);
const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v == null || v.trim() === "" ? null : v.trim()));
const money = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const s = String(v).trim();
  if (!/^\d+(\.\d{1,2})?$/.test(s)) {
    ctx.addIssue({ code: "custom", message: `不是以万元计的金额（最多两位小数）：${s}` });
    return z.NEVER;
  }
  return s;
});

export const catalogIndicatorSchema = z.object({
  code: z.string().regex(/^[\w-]+$/, "只能包含字母、数字、- 和 _"),
  dutySeq: z.coerce.number().int().positive(),
  duty: text,
  goal: text,
  group: optionalText,
  name: text,
  explanation: optionalText,
  target: text,
  planValue: optionalText,
  standardValue: optionalText,
  standardSource: optionalText,
  threeYearAverage: optionalText,
  lastYearValue: optionalText,
  lastYearSource: optionalText,
  note: optionalText,
  activities: optionalText,
  budgetProject: optionalText,
  aliases: z.array(text).default([]),
  /** Owner section code; when absent the org chart says who owns it. */
  section: optionalText,
  cadence: z.enum(["monthly", "quarterly", "yearly"]).nullish().transform((v) => v ?? null),
});

export const catalogSchema = z.object({
  department: z.object({ code: text, name: text }),
  year: z.coerce.number().int().min(2000).max(2100),
  budget: z.object({
    total: money,
    fundingFinance: money,
    fundingOther: money,
    basicExpense: money,
    projectExpense: money,
  }),
  strategicGoal: z.string().trim().default(""),
  indicators: z.array(catalogIndicatorSchema).min(1),
});

export const orgChartSchema = z.object({
  /**
   * The users are demonstration people with guessable ids (ou_demo_office_admin is an admin): they
   * are loaded only while no messenger is configured, or with DEMO_USERS=on (config.ts). Sections
   * and indicator ownership are loaded either way. A real org chart leaves this out.
   */
  demo: z.boolean().default(false),
  sections: z
    .array(
      z.object({
        code: z.string().regex(/^[\w-]+$/),
        name: text,
        aliases: z.array(text).default([]),
        indicators: z.array(z.string()).default([]),
      }),
    )
    .min(1),
  users: z.array(
    z.object({
      name: text,
      section: z.string().nullish(),
      role: z.enum(["staff", "head", "admin"]),
      feishuOpenId: optionalText,
      dingtalkStaffId: optionalText,
    }),
  ),
});

export type CatalogIndicator = z.infer<typeof catalogIndicatorSchema>;
export type Catalog = z.infer<typeof catalogSchema>;
export type OrgChart = z.infer<typeof orgChartSchema>;

