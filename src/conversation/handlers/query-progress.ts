// "调解成功率进度", "上半年培训人次完成多少", "我们科的进度". A named period (上半年, 二季度)
// restricts the reports counted; without an indicator it is the asker's section overview, or the
// named section's ("调解科进度怎么样"); an administrator without 我们科 gets every section's counts.
import { text, type IntentHandler } from "../turn.js";
import { progressCard } from "../replies/progress-card.js";
import { bureauProgressCard, sectionOverviewCard } from "../replies/section-cards.js";
import { noIndicatorText } from "../replies/choice.js";
import { progressOf } from "../progress-view.js";
import { resolveIndicator } from "./resolve-indicator.js";

export const queryProgress: IntentHandler = async (turn) => {
  const { parsed, user } = turn;
  const askedSection = parsed.section && !parsed.indicator ? parsed.section : null;
  const r = (parsed.ownSection || askedSection) && !parsed.indicator ? ({ none: true } as const) : await resolveIndicator(turn);
  if ("replies" in r) return r.replies;
  if ("indicator" in r) {
    const range = parsed.period && parsed.period.kind !== "year" ? parsed.period : undefined;
    const [view] = await progressOf(turn, [r.indicator], range);
    // The whole year's answer carries the indicator's chart (issue 14); a named period does not.
    const chart = range ? undefined : await turn.ports.charts.indicator(turn, r.indicator.id);
    return [{ kind: "card", card: { ...progressCard(r.indicator, view!.progress, range?.label ?? null), ...(chart ? { chart } : {}) } }];
  }
  if (!askedSection && !parsed.ownSection && user.role === "admin") {
    // The administrator's "各科室进度" / "整体进度怎么样": counts per section, not their own office's list.
    const views = await progressOf(turn, turn.catalog.indicators);
    const sections = turn.catalog.sections.map((s) => ({ name: s.name, views: views.filter((v) => v.indicator.sectionId === s.id) }));
    return [{ kind: "card", card: bureauProgressCard(sections, turn.today) }];
  }
  const sectionId = askedSection?.id ?? user.sectionId;
  if (sectionId === null) return [text(noIndicatorText())];
  const theirs = turn.catalog.indicators.filter((i) => i.sectionId === sectionId);
  const views = await progressOf(turn, theirs);
  const chart = theirs.length ? await turn.ports.charts.section(turn, sectionId) : undefined;
  return [{ kind: "card", card: { ...sectionOverviewCard(askedSection?.name ?? user.sectionName ?? "本科室", views, turn.today), ...(chart ? { chart } : {}) } }];
};
