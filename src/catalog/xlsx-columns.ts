// The spreadsheet layout: one row per indicator in the official table's columns (部门预算整体绩效
// 目标表), plus the columns the bot needs (编码, 责任科室, 别名, 报送周期), and a 部门信息 sheet for
// the header (budget, 战略目标). Headers are matched by name on import, so column order may change.
import type { CatalogIndicator } from "./catalog-schema.js";

export const INDICATOR_SHEET = "绩效目标表";
export const HEADER_SHEET = "部门信息";

type Field = keyof CatalogIndicator;

export interface Column {
  field: Field;
  /** {year} is replaced by the table's year */
  header: string;
  width: number;
}

export const COLUMNS: Column[] = [
  { field: "code", header: "指标编码", width: 12 },
  { field: "dutySeq", header: "职责序号", width: 8 },
  { field: "duty", header: "部门职责", width: 18 },
  { field: "goal", header: "职责目标", width: 24 },
  { field: "group", header: "指标分组", width: 18 },
  { field: "name", header: "绩效指标", width: 28 },
  { field: "explanation", header: "指标解释", width: 40 },
  { field: "target", header: "{year}年度指标值", width: 30 },
  { field: "planValue", header: "“十三五”规划值", width: 16 },
  { field: "standardValue", header: "{year}年标准值", width: 24 },
  { field: "standardSource", header: "标准值来源", width: 24 },
  { field: "threeYearAverage", header: "前三年均值", width: 16 },
  { field: "lastYearValue", header: "上年值", width: 20 },
  { field: "lastYearSource", header: "历史值来源", width: 20 },
  { field: "note", header: "备注", width: 24 },
  { field: "activities", header: "工作活动", width: 40 },
  { field: "budgetProject", header: "预算项目", width: 20 },
  { field: "section", header: "责任科室", width: 14 },
  { field: "aliases", header: "别名", width: 20 },
  { field: "cadence", header: "报送周期", width: 10 },
];

export const HEADER_ROWS = [
  ["department.code", "部门编码"],
  ["department.name", "部门名称"],
  ["year", "年度"],
  ["budget.total", "部门整体预算总额（万元）"],
  ["budget.fundingFinance", "资金来源：财政拨款（万元）"],
  ["budget.fundingOther", "资金来源：其他资金（万元）"],
  ["budget.basicExpense", "资金结构：基本支出（万元）"],
  ["budget.projectExpense", "资金结构：项目支出（万元）"],
  ["strategicGoal", "战略目标"],
] as const;

export const CADENCE_LABELS = { monthly: "月", quarterly: "季", yearly: "年" } as const;

export function headerText(column: Column, year: number): string {
  return column.header.replace("{year}", String(year));
}

/** A header cell as typed by a person: "2022年度指标值" matches "{year}年度指标值". */
export function matchColumn(cell: string): Column | undefined {
  const normalised = cell.replace(/\s+/g, "").replace(/^\d{4}(?=年)/, "{year}").replace(/["“”]/g, "");
  return COLUMNS.find((c) => c.header.replace(/["“”]/g, "") === normalised);
}
