// Numbered choices when the indicator is unclear ("您指的是哪一个？").
import type { Candidate } from "../nlu/types.js";

export function choiceText(candidates: Pick<Candidate, "name">[]): string {
  const lines = candidates.map((c, i) => `${i + 1}. ${c.name}`);
  return ["请问您指的是哪一个指标？", ...lines, "请回复序号（如“1”），或回复“取消”。"].join("\n");
}

export function noIndicatorText(): string {
  return "没有找到对应的指标，请说得更具体一些，例如“调解成功率的目标是多少”。回复“我们有哪些指标”可查看本科室指标。";
}
