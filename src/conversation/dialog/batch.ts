// A report message with several items ("10月：调解成功率99.2%，百姓调解12期，骨干培训160人"): each item
// is checked on its own (draftReport) and all go on ONE card; one 确认 stores every storable item in
// one transaction (appendReports: all or none), 取消 stores none, "第2项改成15期" redrafts one line.
import type { Reply } from "../types.js";
import { text, type Turn } from "../turn.js";
import type { ParsedMessage } from "../nlu/types.js";
import { draftReport } from "./prepare-report.js";
import { savePending, type BatchLine, type Pending } from "./pending-state.js";
import { batchConfirmCard } from "../replies/batch-card.js";

type BatchPending = Extract<Pending, { kind: "confirm_batch" }>;

interface Item {
  label: string;
  indicatorId: number | null;
  value: number | null;
  unit: string | null;
  status: ParsedMessage["status"];
  period: ParsedMessage["period"];
}

/** The items of a report message: the first as parsed, then `more` (each with the period said before it). */
function itemsOf(parsed: ParsedMessage): Item[] {
  const first: Item = {
    label: parsed.indicator?.name ?? "第1项",
    indicatorId: parsed.indicator?.id ?? null,
    value: parsed.value,
    unit: parsed.unit,
    status: parsed.status,
    period: parsed.period,
  };
  const items = [first];
  for (const m of parsed.more ?? []) {
    // A period said once applies to the items after it ("10月：A 99%，B 12期").
    const period = m.period ?? items.at(-1)!.period;
    items.push({ label: m.indicator?.name ?? m.text, indicatorId: m.indicator?.id ?? null, value: m.value, unit: m.unit, status: null, period });
  }
  return items;
}

export async function prepareBatch(turn: Turn): Promise<Reply[]> {
  const lines: BatchLine[] = [];
  for (const [i, item] of itemsOf(turn.parsed).entries()) {
    lines.push(await draftLine(turn, i + 1, item, turn.parsed.text));
  }
  return askBatch(turn, lines);
}

async function draftLine(turn: Turn, no: number, item: Item, rawText: string): Promise<BatchLine> {
  const ind = item.indicatorId === null ? undefined : turn.catalog.byId.get(item.indicatorId);
  if (!ind) return { no, label: item.label, draft: null, refused: "未能识别是哪项指标，请单独发送该项并写明指标名称。" };
  const drafted = await draftReport(turn, ind, { value: item.value, unit: item.unit, status: item.status, period: item.period, rawText });
  return "draft" in drafted ? { no, label: ind.name, draft: drafted.draft, refused: null } : { no, label: ind.name, draft: null, refused: drafted.refused };
}

async function askBatch(turn: Turn, lines: BatchLine[]): Promise<Reply[]> {
  if (!lines.some((l) => l.draft)) {
    return [text(["以下各项均不能报送：", ...lines.map((l) => `${l.no}. ${l.label}：${l.refused ?? ""}`)].join("\n"))];
  }
  const pending = await savePending(turn.db, turn.user.id, { kind: "confirm_batch", lines }, turn.now);
  return [{ kind: "card", card: batchConfirmCard(turn.catalog, lines, pending.token) }];
}

/** "第2项改成15期" while several items wait: that line redrafted with the new figure, the card again. */
export async function correctBatchLine(turn: Turn, pending: BatchPending, no: number): Promise<Reply[]> {
  const line = pending.lines.find((l) => l.no === no);
  if (!line) return [text(`待确认的报送只有第1-${pending.lines.length}项，请核对序号。`)];
  const base = line.draft;
  if (!base) return [text(`第${no}项不能报送（${line.refused ?? ""}），请单独发送该项。`)];
  const { parsed } = turn;
  const item: Item = {
    label: line.label,
    indicatorId: base.indicatorId,
    value: parsed.value ?? base.value,
    unit: parsed.unit ?? base.unit,
    status: parsed.status ?? base.status,
    period: parsed.period ?? { start: base.periodStart, end: base.periodEnd, label: base.periodLabel, kind: "month" },
  };
  const redrafted = await draftLine(turn, no, item, base.rawText);
  return askBatch(turn, pending.lines.map((l) => (l.no === no ? redrafted : l)));
}
