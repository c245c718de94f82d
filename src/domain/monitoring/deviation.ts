// 偏差原因 categories and 完成目标可能性 of the 绩效运行监控表 (财预〔2019〕136号 practice; the five
// causes and three likelihoods as printed on the forms — ../shared/MONITORING.md §1). Pure: the one
// list the chat questions, the buttons and the exported table's five cause columns all use.

export const CAUSES = ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"] as const;
export type Cause = (typeof CAUSES)[number];

export const LIKELIHOODS = ["确定能", "有可能", "完全不可能"] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];

/** Which lights ask for a reason: the rules ask for yellow and red, nothing else (not grey, not blue). */
export function asksForReason(light: string): boolean {
  return light === "yellow" || light === "red";
}

/** 全年预计完成值 is asked unless the target is certain to be met. */
export function needsExpectedValue(likelihood: Likelihood): boolean {
  return likelihood !== "确定能";
}
