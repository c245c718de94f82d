// 偏差原因 (issue 13 item 3): when a confirmed report — one item or a several-item card — leaves an
// indicator yellow or red during a monitoring round (default: 1–7月 data, asked in August;
// data/monitoring-settings.json `rounds`), the reporter is asked, in the same conversation, for
// 偏差原因 (one of five + a sentence), 完成目标可能性 and, unless 确定能, 全年预计完成值.
// Rules kept here, once:
// - Asked once per indicator and round, answered or not: a DeviationQuestion row is written when
//   asking (unique per indicator and round; ON CONFLICT DO NOTHING, so two turns at once ask once).
// - Stored append-only: the DeviationReason row is written once, when the answer is complete or
//   skipped ("跳过" is a row with skipped = true); the steps in between live in the pending dialog.
// - Feishu: buttons (the card's buttons carry "reason:cause:N" / "reason:likelihood:N" /
//   "reason:skip"); DingTalk and text: the same card's numbered lines, answered by typing.
// - A message that is not an answer goes to the normal intents; the question stays open until it
//   lapses (30 minutes) or another confirmation takes the user's one pending dialog — then it is
//   not asked again (the asking row stays).
import type { Database } from "../db/client.js";
import type { IndicatorInfo } from "../conversation/indicator-catalog.js";
import type { ActionResult, Card, Reply } from "../conversation/types.js";
import { clearPending, savePending, type Pending } from "../conversation/dialog/pending-state.js";
import { findNumbers } from "../conversation/nlu/numbers.js";
import { toShanghai } from "../domain/shanghai-time.js";
import { LIGHT_LABEL } from "../domain/monitoring/lights.js";
import { asksForReason, CAUSES, LIKELIHOODS, needsExpectedValue, type Likelihood } from "../domain/monitoring/deviation.js";
import { monitoringView, roundKey } from "./monitoring-view.js";
import { loadMonitoringSettings } from "./settings.js";
import type { ReasonDialog, ReasonQuestion } from "../conversation/dialog/reason-dialog.js";

type ReasonPending = Extract<Pending, { kind: "deviation_reason" }>;
const say = (t: string): Reply => ({ kind: "text", text: t });

// ---- the cards (buttons on Feishu; the numbered lines and footer everywhere else) ----

function causeCard(q: ReasonQuestion, token: string, more: number): Card {
  return {
    title: `请说明偏差原因：${q.name}`,
    tone: q.light === "red" ? "danger" : "warning",
    lines: [
      `「${q.name}」${q.roundLabel}为${LIGHT_LABEL[q.light]}灯，请选择偏差原因：`,
      ...CAUSES.map((c, i) => `${i + 1}. ${c}`),
      ...(more > 0 ? [`（之后还有${more}项指标，每项只问一次）`] : []),
    ],
    buttons: [
      ...CAUSES.map((c, i) => ({ label: c, value: { action: `reason:cause:${i + 1}`, token }, style: "default" as const })),
      { label: "跳过", value: { action: "reason:skip", token }, style: "default" as const },
    ],
    footer: "回复序号和一句说明，如“1 年中追加经费未到位”；回复“跳过”不填",
  };
}

function likelihoodCard(q: ReasonQuestion, d: ReasonDialog, token: string): Card {
  return {
    title: `完成目标可能性：${q.name}`,
    tone: "info",
    lines: [
      `偏差原因：${d.cause}${d.text ? `（${d.text}）` : ""}`,
      "完成目标可能性：",
      ...LIKELIHOODS.map((c, i) => `${i + 1}. ${c}`),
    ],
    buttons: [
      ...LIKELIHOODS.map((c, i) => ({ label: c, value: { action: `reason:likelihood:${i + 1}`, token }, style: "default" as const })),
      { label: "跳过", value: { action: "reason:skip", token }, style: "default" as const },
    ],
    footer: d.text ? "回复序号 1–3；回复“跳过”不填" : "回复序号 1–3；也可先回复一句话补充偏差原因的说明；回复“跳过”不填",
  };
}

const expectedQuestion = (q: ReasonQuestion) => `请填写「${q.name}」的全年预计完成值（只写数字${q.unit ? `，单位${q.unit}` : ""}，如 650）：`;

function questionReply(dialog: ReasonDialog, token: string): Reply {
  const q = dialog.queue[0]!;
  if (dialog.step === "cause") return { kind: "card", card: causeCard(q, token, dialog.queue.length - 1) };
  if (dialog.step === "likelihood") return { kind: "card", card: likelihoodCard(q, dialog, token) };
  return say(expectedQuestion(q));
}

// ---- asking ----

/**
 * After a confirmed report of `indicators` (one, or every line of a several-item card): asks about
 * those left yellow or red in the current monitoring round that nobody was asked about yet, and
 * opens the dialog. Returns the first question, or nothing (not in a round, green/grey, asked before).
 */
export async function askReasonsAfterReport(db: Database, now: Date, userId: number, indicators: IndicatorInfo[]): Promise<Reply[]> {
  if (indicators.length === 0) return [];
  const settings = loadMonitoringSettings();
  const today = toShanghai(now);
  const year = indicators[0]!.year;
  const round = settings.rounds.find((r) => r.reportMonth === today.month);
  if (!round || today.year !== year) return [];
  const key = roundKey(year, round.throughMonth);
  const ids = [...new Set(indicators.map((i) => i.id))];
  const [asked, answered] = await Promise.all([
    db.prisma.deviationQuestion.findMany({ where: { indicatorId: { in: ids }, roundKey: key }, select: { indicatorId: true } }),
    db.prisma.deviationReason.findMany({ where: { indicatorId: { in: ids }, roundKey: key }, select: { indicatorId: true } }),
  ]);
  const done = new Set([...asked, ...answered].map((r) => r.indicatorId));
  const open = ids.filter((id) => !done.has(id));
  if (open.length === 0) return [];
  const view = await monitoringView(db, settings, now, round.throughMonth);
  const queue: ReasonQuestion[] = [];
  for (const id of open) {
    const row = view?.rows.find((r) => r.indicator.id === id);
    if (!row || !asksForReason(row.light.light)) continue;
    // Two turns at once: the unique index lets only one of them ask.
    const { count } = await db.prisma.deviationQuestion.createMany({
      data: [{ indicatorId: id, roundKey: key, light: row.light.light, askedToId: userId, askedAt: now }],
      skipDuplicates: true,
    });
    if (count === 0) continue;
    queue.push({
      indicatorId: id, name: row.indicator.name, roundKey: key, roundLabel: `1–${round.throughMonth}月`,
      light: row.light.light as "yellow" | "red", unit: row.progress.unit ?? null,
    });
  }
  if (queue.length === 0) return [];
  const dialog: ReasonDialog = { queue, step: "cause", cause: null, text: null, likelihood: null };
  const pending = await savePending(db, userId, { kind: "deviation_reason", dialog }, now);
  return [questionReply(dialog, pending.token)];
}

// ---- answering ----

type Move =
  | { kind: "skip" }
  | { kind: "cause"; index: number; text: string | null }
  | { kind: "likelihood"; index: number }
  | { kind: "note"; text: string }
  | { kind: "expected"; value: number };

/** A typed answer at the dialog's step, or null when the message is not one. */
function readTyped(d: ReasonDialog, message: string): Move | null {
  const s = message.trim();
  if (/^(跳过|不填|算了|略过|取消|skip)$/i.test(s)) return { kind: "skip" };
  if (d.step === "cause") {
    const m = /^([1-5])(?:[\s.、，,：:]+(.*))?$/s.exec(s);
    if (m) return { kind: "cause", index: Number(m[1]), text: m[2]?.trim() || null };
    const named = CAUSES.findIndex((c) => s.startsWith(c));
    if (named >= 0) return { kind: "cause", index: named + 1, text: s.slice(CAUSES[named]!.length).replace(/^[\s.、，,：:]+/, "") || null };
    return null;
  }
  if (d.step === "likelihood") {
    const m = /^([1-3])$/.exec(s);
    if (m) return { kind: "likelihood", index: Number(m[1]) };
    const named = LIKELIHOODS.indexOf(s as Likelihood);
    if (named >= 0) return { kind: "likelihood", index: named + 1 };
    // A sentence after a cause chosen by button: the cause's explanation.
    if (d.text === null && /\p{Script=Han}{2}/u.test(s) && !/\d/.test(s)) return { kind: "note", text: s };
    return null;
  }
  const n = findNumbers(s);
  if (n.length === 1 && !n[0]!.problem && s.replace(/\s/g, "").length <= (s.slice(n[0]!.start, n[0]!.end).replace(/\s/g, "").length + 4)) {
    return { kind: "expected", value: n[0]!.value };
  }
  return null;
}

/** Applies a move: the next dialog state (or the finished answer, written once) and what to say. */
async function apply(db: Database, now: Date, userId: number, pending: ReasonPending, move: Move): Promise<Reply[]> {
  const d = pending.dialog;
  const q = d.queue[0]!;
  let next: ReasonDialog | null = null;
  let done: string | null = null;
  if (move.kind === "skip") {
    await writeReason(db, now, userId, q, { skipped: true });
    done = `好的，本轮不再询问「${q.name}」的偏差原因。`;
  } else if (move.kind === "cause") {
    next = { ...d, step: "likelihood", cause: CAUSES[move.index - 1]!, text: move.text };
  } else if (move.kind === "note") {
    next = { ...d, text: move.text };
  } else if (move.kind === "likelihood") {
    const likelihood = LIKELIHOODS[move.index - 1]!;
    if (needsExpectedValue(likelihood)) next = { ...d, step: "expected", likelihood };
    else {
      await writeReason(db, now, userId, q, { cause: d.cause, text: d.text, likelihood });
      done = `已记录「${q.name}」的偏差原因，谢谢。`;
    }
  } else {
    await writeReason(db, now, userId, q, { cause: d.cause, text: d.text, likelihood: d.likelihood, expectedValue: move.value });
    done = `已记录「${q.name}」的偏差原因和全年预计完成值，谢谢。`;
  }
  if (next) {
    const saved = await savePending(db, userId, { kind: "deviation_reason", dialog: next }, now);
    return [questionReply(next, saved.token)];
  }
  // This indicator is finished: the next one of the queue, or the end of the dialog.
  const rest = d.queue.slice(1);
  if (rest.length === 0) {
    await clearPending(db, userId);
    return [say(done!)];
  }
  const following: ReasonDialog = { queue: rest, step: "cause", cause: null, text: null, likelihood: null };
  const saved = await savePending(db, userId, { kind: "deviation_reason", dialog: following }, now);
  return [say(done!), questionReply(following, saved.token)];
}

async function writeReason(
  db: Database, now: Date, userId: number, q: ReasonQuestion,
  answer: { skipped?: boolean; cause?: string | null; text?: string | null; likelihood?: string | null; expectedValue?: number },
): Promise<void> {
  // Once per indicator and round; a row already there (another route, the demo) stays as it is.
  await db.prisma.deviationReason.createMany({
    data: [{
      indicatorId: q.indicatorId, roundKey: q.roundKey, reportedById: userId, createdAt: now,
      skipped: answer.skipped ?? false, cause: answer.cause ?? null, text: answer.text ?? null,
      likelihood: answer.likelihood ?? null, expectedValue: answer.expectedValue ?? null,
    }],
    skipDuplicates: true,
  });
}

/** A typed message while the dialog is open: the answer, or null (not an answer: the normal intents take it). */
export async function answerReason(db: Database, now: Date, userId: number, pending: ReasonPending, message: string): Promise<Reply[] | null> {
  const move = readTyped(pending.dialog, message);
  if (!move) {
    // At the number step only a number is expected: say so rather than guess.
    return pending.dialog.step === "expected" && /^\s*[\d一二三四五六七八九十百千万两〇零.,，]+\s*\S{0,3}\s*$/.test(message)
      ? [say(`请只回复全年预计完成值的数字（如 650），或回复“跳过”。`)]
      : null;
  }
  return apply(db, now, userId, pending, move);
}

/** A button of a reason card ("reason:cause:3", "reason:likelihood:2", "reason:skip"). */
export async function answerReasonButton(db: Database, now: Date, userId: number, pending: ReasonPending, action: string): Promise<ActionResult> {
  const m = /^reason:(cause|likelihood|skip)(?::(\d))?$/.exec(action);
  const d = pending.dialog;
  const index = Number(m?.[2] ?? 0);
  const move: Move | null = !m ? null
    : m[1] === "skip" ? { kind: "skip" }
    : m[1] === "cause" && d.step === "cause" && index >= 1 && index <= CAUSES.length ? { kind: "cause", index, text: null }
    : m[1] === "likelihood" && d.step === "likelihood" && index >= 1 && index <= LIKELIHOODS.length ? { kind: "likelihood", index }
    : null;
  if (!move) return { toast: "该选项已失效" };
  const q = d.queue[0]!;
  const chosen = move.kind === "cause" ? CAUSES[index - 1] : move.kind === "likelihood" ? LIKELIHOODS[index - 1] : "跳过";
  const replies = await apply(db, now, userId, pending, move);
  // The pressed card shows the choice and loses its buttons; the next question comes as a message.
  return { toast: "已记录", card: { title: `${q.name}`, tone: "success", lines: [`已选择：${chosen}`] }, replies };
}
