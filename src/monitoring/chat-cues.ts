// Which monitoring question a message asks, if any: "全局双监控", "我们科监控灯", "预算执行进度",
// "自评预计多少分". Pure. A message with a number is a report, never one of these questions.
export type MonitoringQuestion = "bureau" | "section" | "budget" | "score";

export function monitoringQuestion(text: string): MonitoringQuestion | null {
  const s = text.replace(/\s+/g, "");
  if (/\d/.test(s)) return null;
  // "要监控表文件", "导出自评表": a request for an official table file (an intent of its own).
  if (/(?:监控|自评)表/.test(s) && /文件|表格|下载|导出|excel|xlsx|要|发|给我|生成/i.test(s)) return null;
  if (/自评/.test(s) && /分|等级|评分|打分/.test(s)) return "score";
  if (/预算.{0,4}执行/.test(s) || /支出进度|执行进度/.test(s)) return "budget";
  if (/(我们科|本科室|我科|科里).{0,6}(双监控|监控|灯)/.test(s)) return "section";
  if (/双监控|运行监控|监控灯|红黄灯|红黄绿/.test(s)) return "bureau";
  return null;
}
