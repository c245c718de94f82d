// The reporting form of a reminder (issue 12 item 3). The Feishu reminder card's 填报 button asks
// for a form with one input per indicator of the presser's section that still owes data — "owes"
// is src/domain/missing.ts, the rule the reminder itself used — each labelled with the period it
// owes and the unit, so only the figure is typed. Submitting goes to the same several-item
// confirmation as "10月：调解成功率99.2%，百姓调解12期" (dialog/batch.ts): one card, one 确认 stores
// every storable line in one transaction, 取消 stores none.
import type { Card, CardForm, Reply } from "../types.js";
import type { CommitContext } from "./commit-pending.js";
import type { Turn } from "../turn.js";
import type { IndicatorInfo } from "../indicator-catalog.js";
import { progressOf } from "../progress-view.js";
import { owedPeriod } from "../../domain/missing.js";
import type { ReportingPeriod } from "../../domain/reporting-period.js";
import { defaultUnit } from "../../domain/target-part.js";
import { findNumbers } from "../nlu/numbers.js";
import { normaliseMessageText } from "../nlu/text-features.js";
import { statusOf } from "../nlu/intents.js";
import { indicatorUnit } from "../nlu/unit-reading.js";
import { draftReport } from "./prepare-report.js";
import { newToken, savePending, type BatchLine } from "./pending-state.js";
import { recordSettled } from "./settled.js";
import { batchConfirmCard } from "../replies/batch-card.js";
import { periodLabel } from "../replies/format.js";

/** The 填报 button's action (reminder card) and the form's submit action. */
export const OPEN_FORM = "report_form";
export const SUBMIT_FORM = "report_form_submit";
/** A field's name carries the indicator and the period it asked for: a form answered late still means that period. */
const FIELD = /^i(\d+)_(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})$/;
const fieldName = (id: number, p: { start: string; end: string }) => `i${id}_${p.start}_${p.end}`;

type FormContext = Pick<CommitContext, "db" | "user" | "catalog" | "now" | "today" | "ports"> & { pending?: Turn["pending"] };

/** The user's section's indicators that owe data today, with what they owe (domain/missing.ts). */
async function owedBySection(ctx: FormContext): Promise<Array<{ indicator: IndicatorInfo; owed: ReportingPeriod }>> {
  const mine = ctx.catalog.indicators.filter((i) => i.sectionId === ctx.user.sectionId);
  const views = await progressOf(ctx, mine);
  return views.flatMap((v) => {
    const owed = owedPeriod(v.indicator, v.reports, v.indicator.year, ctx.today);
    return owed ? [{ indicator: v.indicator, owed }] : [];
  });
}

function unitOf(ind: IndicatorInfo): string | null {
  return ind.aggregation === "status" ? null : defaultUnit(ind.typedTarget);
}

/** The form card, or null when nothing of the user's section is owed. */
export async function reportFormCard(ctx: FormContext): Promise<Card | null> {
  const owed = await owedBySection(ctx);
  if (owed.length === 0) return null;
  const fields: CardForm["fields"] = owed.map(({ indicator: ind, owed: p }) => {
    const unit = unitOf(ind);
    return {
      name: fieldName(ind.id, p),
      label: `${ind.name}（${p.label}${unit ? `，单位：${unit}` : ""}）`,
      placeholder: ind.aggregation === "status" ? "填“已完成”或“推进中”" : `只填数字${unit ? `，如 12${unit === "%" ? "%" : ""}` : ""}；不填则不报`,
    };
  });
  return {
    title: `填报：${ctx.user.sectionName ?? ""}未报指标`,
    tone: "info",
    lines: [`以下 ${owed.length} 项指标还没有数据，期间和单位已写在每项后面，只需填写数字；不填的项目不会报送。`],
    form: { fields, submit: { label: "提交，下一步确认", value: { action: SUBMIT_FORM, token: newToken() }, style: "primary" } },
    footer: "提交后会先给出确认卡片，点“确认”才保存。",
  };
}

/** 填报 pressed: the form as a new message (the reminder card stays as it was). */
export async function openReportForm(ctx: FormContext): Promise<{ toast: string; replies?: Reply[] }> {
  const card = await reportFormCard(ctx);
  if (!card) return { toast: "本科室的指标都已报送，无需填报" };
  return { toast: "已发送填报表单", replies: [{ kind: "card", card }] };
}

/** One field as typed: a figure (with the unit written or the indicator's own) or a 定性 status. */
function readField(ind: IndicatorInfo, units: readonly string[], typed: string): { value: number | null; unit: string | null; status: "done" | "in_progress" | null } | { refused: string } {
  const text = normaliseMessageText(typed);
  if (ind.aggregation === "status") {
    const status = statusOf(text, { qualitative: true });
    return status ? { value: null, unit: null, status } : { refused: `“${typed}”：请填写“已完成”或“推进中”。` };
  }
  const numbers = findNumbers(text);
  if (numbers.length !== 1) return { refused: numbers.length ? `“${typed}”：请只填一个数字。` : `“${typed}”不是数字，请只填数字。` };
  const n = numbers[0]!;
  if (n.problem) return { refused: `“${typed}”不是确切的数字（${n.problem.kind === "vague" ? "估计数" : "范围"}），请填写确切的数字。` };
  return { value: n.value, unit: n.unit ? indicatorUnit(n.unit, units) : unitOf(ind), status: null };
}

/**
 * The form submitted: every filled field becomes a line of one several-item confirmation card
 * (checked like a typed report: permission, value rules, what already stands). Nothing is stored
 * before 确认. Fields not named like the form's are ignored.
 */
export async function submitReportForm(ctx: FormContext, formValue: Record<string, string>): Promise<{ toast: string; replies: Reply[] }> {
  const lines: BatchLine[] = [];
  for (const [name, raw] of Object.entries(formValue)) {
    const m = FIELD.exec(name);
    const typed = raw.trim();
    if (!m || typed === "") continue;
    const ind = ctx.catalog.byId.get(Number(m[1]));
    if (!ind) continue;
    const no = lines.length + 1;
    const units = ctx.catalog.docs.find((d) => d.id === ind.id)?.units ?? [];
    const read = readField(ind, units, typed);
    if ("refused" in read) {
      lines.push({ no, label: ind.name, draft: null, refused: read.refused });
      continue;
    }
    // The period the form asked for (in the field's name), checked like a named period.
    const period = { start: m[2]!, end: m[3]!, label: periodLabel(m[2]!, m[3]!) };
    const drafted = await draftReport(ctx, ind, { ...read, period, rawText: `填报表单：${ind.name} ${typed}` });
    lines.push("draft" in drafted ? { no, label: ind.name, draft: drafted.draft, refused: null } : { no, label: ind.name, draft: null, refused: drafted.refused });
  }
  if (lines.length === 0) return { toast: "没有填写任何数据", replies: [] };
  if (!lines.some((l) => l.draft)) {
    return { toast: "均不能报送", replies: [{ kind: "text", text: ["以下各项均不能报送：", ...lines.map((l) => `${l.no}. ${l.label}：${l.refused ?? ""}`)].join("\n") }] };
  }
  // A confirmation still waiting is replaced by this one: its own card says so from now on.
  const old = ctx.pending;
  if (old && old.kind !== "choose_indicator") {
    await recordSettled(ctx.db, old.token, "replaced", ctx.now, { title: "已被新的报送替换，未保存", tone: "info", lines: [] });
  }
  const pending = await savePending(ctx.db, ctx.user.id, { kind: "confirm_batch", lines }, ctx.now);
  return { toast: "请确认", replies: [{ kind: "card", card: batchConfirmCard(ctx.catalog, lines, pending.token) }] };
}
