// "我们有什么指标": the asker's section's indicators, last report and a traffic light each.
// "普法科负责哪些指标": the named section's instead (the indicator table is open to everyone).
import { text, type IntentHandler } from "../turn.js";
import { progressOf } from "../progress-view.js";
import { sectionListCard } from "../replies/section-cards.js";

export const listIndicators: IntentHandler = async (turn) => {
  const { user, parsed } = turn;
  const otherSection = parsed.section && parsed.section.id !== user.sectionId ? parsed.section : null;
  if (otherSection) {
    const theirs = turn.catalog.indicators.filter((i) => i.sectionId === otherSection.id);
    return [{ kind: "card", card: sectionListCard(otherSection.name, await progressOf(turn, theirs), turn.today) }];
  }
  if (user.sectionId === null) {
    return [text("您的账号未归属科室，没有本科室指标。可直接询问具体指标，例如“调解成功率的目标是多少”，或问“还有哪些没报”查看各科室报送情况。")];
  }
  const own = turn.catalog.indicators.filter((i) => i.sectionId === user.sectionId);
  const views = await progressOf(turn, own);
  return [{ kind: "card", card: sectionListCard(user.sectionName ?? "本科室", views, turn.today) }];
};
