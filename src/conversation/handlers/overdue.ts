// "还有谁没报": the asker's section's indicators missing (src/domain/missing.ts, the reminders' rule);
// admins see how many each section owes. Indicators and counts only — never names of people.
import { text, type IntentHandler } from "../turn.js";
import { progressOf } from "../progress-view.js";
import { bureauOverdueCard, owedBy, sectionOverdueCard } from "../replies/section-cards.js";

export const overdue: IntentHandler = async (turn) => {
  const { user, catalog } = turn;
  if (user.role === "admin") {
    const views = await progressOf(turn, catalog.indicators);
    const rows = catalog.sections
      .map((s) => {
        const own = views.filter((v) => v.indicator.sectionId === s.id);
        const missing = own.filter((v) => owedBy(v, turn.today) !== null).length;
        return { sectionName: s.name, missing, total: own.length };
      })
      .filter((r) => r.total > 0);
    return [{ kind: "card", card: bureauOverdueCard(rows) }];
  }
  if (user.sectionId === null) return [text("您的账号未归属科室，暂无需要报送的指标。")];
  const views = await progressOf(turn, catalog.indicators.filter((i) => i.sectionId === user.sectionId));
  return [{ kind: "card", card: sectionOverdueCard(user.sectionName ?? "本科室", views, turn.today) }];
};
