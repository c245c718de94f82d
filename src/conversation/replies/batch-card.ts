// The one confirmation card of a report message with several items: numbered lines, the storable
// ones with indicator, period and figure, the others with the reason they cannot be stored. On
// Feishu it is one card; DingTalk and text channels render the same lines as a numbered list.
import type { Card } from "../types.js";
import type { IndicatorCatalog } from "../indicator-catalog.js";
import type { BatchLine } from "../dialog/pending-state.js";
import { formatReported } from "./format.js";

function lineText(catalog: IndicatorCatalog, l: BatchLine): string {
  if (!l.draft) return `${l.no}. ${l.label}：**不能报送**——${l.refused ?? ""}`;
  const name = catalog.byId.get(l.draft.indicatorId)?.name ?? l.label;
  const replaces = l.draft.action === "replace" ? `（替换原报送 ${l.draft.previous ?? ""}）` : "";
  return `${l.no}. **${name}** ${l.draft.periodLabel}：${formatReported(l.draft)}${replaces}`;
}

export function batchConfirmCard(catalog: IndicatorCatalog, lines: BatchLine[], token: string): Card {
  const storable = lines.filter((l) => l.draft).length;
  return {
    title: `请确认报送（${storable}项）`,
    tone: "info",
    lines: lines.map((l) => lineText(catalog, l)),
    buttons: [
      { label: `确认${storable}项`, value: { action: "confirm", token }, style: "primary" },
      { label: "取消", value: { action: "cancel", token }, style: "default" },
    ],
    footer: `回复“确认”一次保存可报送的${storable}项，回复“取消”全部放弃；更正某一项请回复如“第2项改成15期”（30分钟内有效）`,
  };
}

export function batchDoneCard(catalog: IndicatorCatalog, lines: BatchLine[], stored: boolean): Card {
  const kept = lines.filter((l) => l.draft);
  return stored
    ? { title: `已记录${kept.length}项`, tone: "success", lines: kept.map((l) => lineText(catalog, l)) }
    : { title: "已取消，均未保存", tone: "info", lines: lines.map((l) => lineText(catalog, l)) };
}
