// "调解成功率10月的记录": every version of an indicator's reports in the named period (else the
// year so far), oldest first — figure, who, when, and what each row did (报送/替换/更正/撤回/恢复).
// Nothing is ever deleted (append-only), so this is the whole story.
import { text, type IntentHandler } from "../turn.js";
import type { StoredReport } from "../report-store.js";
import { formatReported, monthDay, periodLabel } from "../replies/format.js";
import { shanghaiDate, toShanghai } from "../../domain/shanghai-time.js";

export const history: IntentHandler = async (turn) => {
  const ind = turn.parsed.indicator ? turn.catalog.byId.get(turn.parsed.indicator.id) : undefined;
  if (!ind) return [text("请说明要查看哪项指标的报送记录，例如“调解成功率10月的记录”。")];
  const p = turn.parsed.period ?? { start: `${ind.year}-01-01`, end: `${ind.year}-12-31`, label: `${ind.year}年` };
  const rows = await turn.ports.reports.indicatorHistory(turn.db, ind.id, p.start, p.end);
  if (rows.length === 0) return [text(`「${ind.name}」${p.label}暂无报送记录。`)];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const lines = rows.map((r) => `· ${stamp(r)} ${r.reportedByName}${what(r, byId)}（${periodLabel(r.periodStart, r.periodEnd)}）`);
  return [{ kind: "card", card: { title: `「${ind.name}」${p.label}报送记录（${rows.length}条）`, tone: "info", lines, footer: "记录只增不删；撤回后恢复的是被替换前的数值。" } }];
};

function stamp(r: StoredReport): string {
  const l = toShanghai(r.createdAt);
  return `${monthDay(shanghaiDate(r.createdAt))} ${String(l.hour).padStart(2, "0")}:${String(l.minute).padStart(2, "0")}`;
}

function what(r: StoredReport, byId: Map<number, StoredReport>): string {
  if (r.withdrawn) return " 撤回，本期无数据";
  if (r.restoresId !== null) {
    const o = byId.get(r.restoresId);
    return ` 撤回，恢复为 ${formatReported(r)}${o ? `（${o.reportedByName} ${monthDay(shanghaiDate(o.createdAt))}报送）` : ""}`;
  }
  return r.supersedesId === null || byId.get(r.supersedesId)?.withdrawn ? ` 报送 ${formatReported(r)}` : ` 更正为 ${formatReported(r)}`;
}
