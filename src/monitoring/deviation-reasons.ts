// 偏差原因 (issue 13 item 3): when a confirmed report leaves an indicator yellow or red during a
// monitoring round (default: 1–7月 data, asked in August), the reporter is asked once — the
// DeviationReason row (unique per indicator and round) is created when asking, so nobody is asked
// twice. Answers fill the same row step by step: 原因 (1–5 + a sentence) → 完成可能性 (1–3) →
// 全年预计 (unless 确定能). "跳过" marks it skipped. Numbered choices work on every channel.
import type { Database } from "../db/client.js";
import type { IndicatorInfo } from "../conversation/indicator-catalog.js";
import type { Reply } from "../conversation/types.js";
import { toShanghai } from "../domain/shanghai-time.js";
import { LIGHT_LABEL } from "../domain/monitoring/lights.js";
import { monitoringView, roundKey } from "./monitoring-view.js";
import { loadMonitoringSettings } from "./settings.js";

export const CAUSES = ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"] as const;
export const LIKELIHOODS = ["确定能", "有可能", "完全不可能"] as const;
/** An unanswered question lapses after this long (like a pending report). */
const OPEN_MS = 30 * 60_000;

const causeQuestion = (name: string, light: string, label: string) =>
  `「${name}」${label}为${light}灯，请说明偏差原因（回复序号和一句说明，如“1 年中追加经费未到位”；回复“跳过”不填）：\n` +
  CAUSES.map((c, i) => `${i + 1}. ${c}`).join("\n");
const likelihoodQuestion = () => `完成目标可能性：\n${LIKELIHOODS.map((c, i) => `${i + 1}. ${c}`).join("\n")}`;

/** After a confirmed report: the first question, or nothing (not in a round, green, already asked). */
export async function askReasonAfterReport(db: Database, now: Date, userId: number, ind: IndicatorInfo): Promise<Reply[]> {
  const settings = loadMonitoringSettings();
  const today = toShanghai(now);
  const round = settings.rounds.find((r) => r.reportMonth === today.month);
  if (!round || today.year !== ind.year) return [];
  const key = roundKey(ind.year, round.throughMonth);
  if (await db.prisma.deviationReason.findUnique({ where: { indicatorId_roundKey: { indicatorId: ind.id, roundKey: key } } })) return [];
  const view = await monitoringView(db, settings, now, round.throughMonth);
  const row = view?.rows.find((r) => r.indicator.id === ind.id);
  if (!row || (row.light.light !== "red" && row.light.light !== "yellow")) return [];
  try {
    await db.prisma.deviationReason.create({ data: { indicatorId: ind.id, roundKey: key, reportedById: userId, createdAt: now } });
  } catch {
    return []; // asked at the same moment by another turn: the unique index keeps it to once
  }
  return [{ kind: "text", text: causeQuestion(ind.name, LIGHT_LABEL[row.light.light], `1–${round.throughMonth}月`) }];
}

/** An answer to an open question, or null when the user has none open (normal intents go on). */
export async function answerReason(db: Database, now: Date, userId: number, message: string): Promise<Reply[] | null> {
  const open = await db.prisma.deviationReason.findFirst({
    where: { reportedById: userId, skipped: false, createdAt: { gte: new Date(now.getTime() - OPEN_MS) }, OR: [{ cause: null }, { likelihood: null }, { likelihood: { not: "确定能" }, expectedValue: null }] },
    orderBy: { id: "desc" },
  });
  if (!open) return null;
  const s = message.trim();
  const say = (t: string): Reply[] => [{ kind: "text", text: t }];
  if (/^(跳过|不填|算了|取消)$/.test(s)) {
    await db.prisma.deviationReason.update({ where: { id: open.id }, data: { skipped: true } });
    return say("好的，本轮不再询问该指标的偏差原因。");
  }
  if (open.cause === null) {
    const m = /^([1-5])[\s.、，,：:]*(.*)$/.exec(s);
    if (!m) return null; // not an answer: let the normal intents take it (the question stays open)
    await db.prisma.deviationReason.update({ where: { id: open.id }, data: { cause: CAUSES[Number(m[1]) - 1], text: m[2]?.trim() || null } });
    return say(likelihoodQuestion());
  }
  if (open.likelihood === null) {
    const m = /^([1-3])$/.exec(s) ?? (LIKELIHOODS.includes(s as never) ? [s, String(LIKELIHOODS.indexOf(s as never) + 1)] : null);
    if (!m) return say(`请回复 1–3 选择完成目标可能性，或回复“跳过”。\n${likelihoodQuestion()}`);
    const likelihood = LIKELIHOODS[Number(m[1]) - 1]!;
    await db.prisma.deviationReason.update({ where: { id: open.id }, data: { likelihood } });
    return say(likelihood === "确定能" ? "已记录偏差原因，谢谢。" : "请填写全年预计完成值（只写数字，如 650）：");
  }
  const v = /^(\d+(?:\.\d+)?)\s*\S{0,3}$/.exec(s);
  if (!v) return say("请只回复全年预计完成值的数字（如 650），或回复“跳过”。");
  await db.prisma.deviationReason.update({ where: { id: open.id }, data: { expectedValue: Number(v[1]) } });
  return say("已记录偏差原因和全年预计完成值，谢谢。");
}
