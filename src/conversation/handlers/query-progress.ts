// "调解成功率进度", "上半年培训人次完成多少", "我们科的进度". A named period (上半年, 二季度)
// restricts the reports counted; without an indicator it is the asker's section overview, or the
// named section's ("调解科进度怎么样").
import { text, type IntentHandler } from "../turn.js";
import { progressCard } from "../replies/progress-card.js";
import { sectionOverviewCard } from "../replies/section-cards.js";
import { noIndicatorText } from "../replies/choice.js";
import { progressOf } from "../progress-view.js";
import { resolveIndicator } from "./resolve-indicator.js";

export const queryProgress: IntentHandler = async (turn) => {
  const { parsed, user } = turn;
  const named = parsed.section && !parsed.indicator ? parsed.section : null;
  const r = (parsed.ownSection || named) && !parsed.indicator ? ({ none: true } as const) : await resolveIndicator(turn);
  if ("replies" in r) return r.replies;
  if ("indicator" in r) {
    const range = parsed.period && parsed.period.kind !== "year" ? parsed.period : undefined;
    const [view] = await progressOf(turn, [r.indicator], range);
    return [{ kind: "card", card: progressCard(r.indicator, view!.progress, range?.label ?? null) }];
  }
  const sectionId = named?.id ?? user.sectionId;
  if (sectionId === null) return [text(noIndicatorText())];
  const theirs = turn.catalog.indicators.filter((i) => i.sectionId === sectionId);
  const views = await progressOf(turn, theirs);
  return [{ kind: "card", card: sectionOverviewCard(named?.name ?? user.sectionName ?? "本科室", views, turn.today) }];
};
