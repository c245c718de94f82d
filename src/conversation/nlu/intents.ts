// Which kind of message is this? Rules over the text plus what the other extractors found.
// Dialog moves (确认, 取消, 选2 …) are whole short messages; content intents look at keywords,
// whether an indicator was recognised and whether a value was written.
import { parseNumeral } from "../../domain/numerals.js";
import type { Intent } from "./types.js";
import { HELP_PHRASE, HELP_WORD, OFF_TOPIC, TASK_REQUEST, asksMissing, fixMistypedBao, asksRequirement, looksAtReportedData, progressGoverns } from "./intent-cues.js";

export interface IntentSignals {
  /** An indicator matched above the threshold. */
  indicator: boolean;
  /** A quantity (not a date) was written. */
  value: boolean;
  status: "done" | "in_progress" | null;
  ownSection: boolean;
  /** A section of the org chart was named ("普法科"). */
  section?: boolean;
  /** A period was written ("上个月"). */
  period?: boolean;
  /** The quantity was written with a unit ("98.9%", "15篇"); a bare "1234" is no report by itself. */
  unit?: boolean;
  /**
   * What names a thing in the message matched no indicator even loosely ("加班餐标准是多少"): a
   * question about something else. False when nothing is named ("目标是多少") or a candidate is near.
   */
  namesOther?: boolean;
}

const END = "[!！。.~～\\s吧啦呀]*$";
const CONFIRM_WORD = "(?:确认|确定|确认无误|确认提交|提交|是|是的|对|对的|没错|好|好的|行|可以|嗯+|没问题|ok|okay|y|yes|👌|👍)";
const CANCEL_WORD = "(?:取消(?:上报|提交|填报|这条|本次|操作)?|算了|不用了|不用|否|不|不是|不对|不要|不要了|no|n|放弃|先不报了|不报了|不提交)";
// A run of such words is one move: "对，没问题，提交", "算了先不报了".
const CONFIRM = new RegExp(`^${CONFIRM_WORD}(?:[，,、\\s]*${CONFIRM_WORD})*${END}`, "i");
const CANCEL = new RegExp(`^${CANCEL_WORD}(?:[，,、\\s]*${CANCEL_WORD})*${END}`, "i");
const CHOOSE = new RegExp(`^(?:选|选择|就|要)?\\s*(?:第\\s*)?([1-9]|[一二三四五六七八九])\\s*(?:个|项|条|号)?(?:吧|吧。)?${END}`);
const UNDO = /撤回|撤销|删除刚才|删掉刚才|删除上一条|删掉上一条|刚才的?(?:那条)?不算|刚才(?:那条|报的)?(?:删|作废)|删除(?:我)?(?:刚|上)/;
const CORRECT = /改成|改为|更正|修改为|修正为|应该是|应为|错了|写错|报错了|不对[，,\s]*(?:是|应)/;
/** "调解成功率10月的记录", "普法动态的报送历史", "修改记录": the versions of an indicator's reports. */
const HISTORY = /(?:的|报送|修改|更正|变更|历史|历次)(?:记录|历史)|报送历史|历次报送|修改过程/;
const MUTE = /(?:别|不要|不用|无需|停止|暂停|关闭|关掉|取消)[^忘，,。]{0,4}(?:提醒|催)|免打扰|静音|别催/;
const REMIND = /提醒我|提醒一下我|叫我|通知我|每个?月.{0,4}[号日].{0,4}提醒|提醒.{0,3}每个?月/;
const REMIND_DAY = /每个?月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[号日]|(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[号日]/;
const HELP = /^(?:help|帮助|\?|？|菜单|说明|使用说明|使用帮助|你好|您好|hi|hello|在吗|在不在)[!！。.~\s]*$|怎么用|如何使用|怎么使用|用法|能干什么|能做什么|能干啥|能做啥|会什么|会干什么|有什么功能|有哪些功能|功能介绍|使用方法|你是谁|怎么报(?![销名到告修警])|如何上报|怎么上报/i;
/** A how-to question about the bot: help, when no indicator and no value was written ("怎么报进度", "/help"). */
const HOW_TO = /(?:怎么|如何|怎样|咋)样?(?:才能?|去|来|进行)?(?:上报|报送|填报|报(?![销名到告修警])|提交|录入|查询?|用|使用|操作|修改|更正|改)|格式|命令|指令|操作指南|使用指南|操作说明|使用说明|说明书|教程|求教|请教|不会用|不懂怎么|干嘛的|干什么的|做什么的|干啥的|(?:能|可以|会)(?:干|做)(?:嘛|啥|些什么)|^\/(?:help|帮助)$|^[?？]+$/;
// "本科室有哪些考核指标", "普法科负责哪些指标", "给我看看本部门的指标": a scope + a which/list word + a noun.
const LIST_WHICH = /哪些|哪几|什么|列出|列一下|列个|列表|清单|一览|目录|几项|几个|几条|多少项|多少个|多少条|看看|看一下|瞧瞧|查看|显示|都有|所有|全部|汇总|明细/;
/** Which-words that ask for several items even when an indicator seems named ("普法科负责哪些指标"). */
const LIST_PLURAL = /哪些|哪几|列出|列一下|清单|列表|一览|几项|几个|多少项|多少个|都有|所有|全部/;
const LIST_NOUN = /指标|目标|考核|内容|任务|事项/;
const LIST_AT_END = /(?:指标|考核内容|考核任务|考核事项)[?？吧呢。]*$/;
const LIST_SCOPE = /我名下|我负责|我管|我的|各个?(?:科室|处室|部门)|全局|局里|所有|全部/;
const OVERDUE = /(?:谁|哪些|哪个|哪几个|什么|有没有)[^，,。]{0,6}(?:还)?(?:没有?|未)(?:报|上报|填报|提交)|没有?上报|未上报|未报|缺报|漏报|还没报|没报|逾期|催报|欠报|未填报|未提交|未完成上报|(?:没|未)(?:交|填|提交)/;
const LIST = /(?:有|有什么|有哪些|哪些|什么|有多少个?|多少个?)(?:指标|任务|考核项)|指标(?:有哪些|有什么|清单|列表|目录|都有|一览|汇总)|负责(?:的|哪些|什么)|(?:本科室|我们科室?|我科|我们|我的|所有|全部|全局|全部的)的?(?:指标|绩效指标)|查看.{0,4}指标$|^指标$|^(?:列出|列表)/;
const TARGET = /目标|指标值|要求$|的要求|(?:要|需要|应该|计划)[^，,。]{0,5}(?:多少|几)|要达到|需达到|应达到|达到多少|要求(?:是)?多少|要求是|任务(?:量|数|是多少)|(?<!高)标准(?!化)|考核要求|考核(?:内容|哪些|什么)|指标要求|合格线|及格线|目标数|计划(?:是)?多少|标准是|年度指标|考核标准|指标值?(?:是)?(?:多少|几)|指标$|指标是|定(?:了|的)?(?:是)?(?:多少|几)|任务$|的任务|(?:要|需要|得|应该)完成多少|多少.{0,2}算达标|达标线|达标/;
const PROGRESS_STRONG = /进度|(?:没有?|未)完成(?!上报)|进展|完成了?多少|完成情况|完成得怎么样|完成率|完成了吗|完成没|进行到|到哪了|实际完成|累计完成|报了多少|发了多少|做了多少|搞了多少|办了多少|多少了/;
const PROGRESS_WEAK = /多少|怎么样|如何|情况|几[篇期场本人个件次名]/;
const QUESTION = /怎么|怎样|为什么|为啥|咋|什么|啥|多少|谁|几[篇期场本人个件次名项]?|吗|？|\?|呢|是否|有没有|怎么样|如何|哪些|哪个/;
const REPORT_VERB = /上报|报送|填报|报一下|录入|登记|汇报|报告一下/;
/** 汇报 / 报告 (to a leader, in a document): the bot is not the addressee. */
const TO_SOMEONE = /汇报|报告/;
/** A report that is late: 补报, 漏报了 补一下, 补录, 补填. */
const LATE_REPORT = /补报|漏报|补一下|补上|补录|补填|补交/;
const OWN_SECTION = /我们|我科|本科室|本科|咱们|咱科|我们部门|我们单位|本部门|本处室?|我处|本单位|(?<![学专本])科里|科室里|处里|部门里/;
/**
 * 定性 statuses. Done: 已(经)完成/办结/验收/落实/印发/召开/通过, 完成了/通过了/验收了 (not 完成了多少/吗/没),
 * 验收合格, 审核通过, 搞定了 — unless negated (没搞定, 未通过). In progress: 正在推进, 推进中, 正在办理,
 * 已启动, 还在做. Not done yet (还没完成, 尚未完成) is a status only for a 定性 indicator, and only said
 * as a statement; 没通过 (failed) is none.
 */
const DONE = /已经?(?:全部|顺利|基本)?(?:完成|办结|结束|验收|落实|召开|印发|通过|做完|办完|建成|完工|结项)|(?:均|都|全部?)已(?:完成|办结|验收|落实|通过|印发|召开)|(?:完成|做完|办完|弄完|通过|验收|办结|落实|印发|召开)了(?!多少|几|吗|么|没|嘛|\?|？)|验收(?:合格|通过|达标)|(?:审核|审查|评审|考核|检查)(?:已经?)?通过|顺利通过|全部完成|搞定了?(?![吗么没]|\?|？)/g;
const IN_PROGRESS = /正在推进|推进中|进行中|正在进行|正在开展|有序推进|有序进行|在推进|正在办理|办理中|持续推进|稳步推进|在做|正在做|还在|正在(?:实施|落实|筹备|整改|办)|(?:落实|开展|实施|筹备|整改)中|已经?(?:启动|开始|开展起来)|启动了(?![吗么没]|\?|？)/;
const NOT_DONE = /(?:还|尚|仍|暂)?(?:没有?|未)(?:全部)?(?:完成|办结|完工|结束|落实|做完|办完|弄完|搞定)/;
/** A negation right before a done word (没搞定, 未通过, 还没有完成了): not done. */
const NEGATED = /(?:没有?|未|不|别)$/;

/** "看板", "打开看板", "给我看板链接", "仪表盘": the dashboard link (issue 14). */
const DASHBOARD = /^(?:请|麻烦)?(?:给我|发我|发一下|打开|查看|看看|看一下|我要|要)?(?:一下)?(?:绩效)?(?:看板|仪表盘|驾驶舱|数据大屏)(?:链接|地址|网址)?(?:吧|呢)?[!！。.~\s]*$/;
/** "要监控表文件", "导出自评表", "下载绩效运行监控表": an official table as a file (issue 13 item 6). */
const OFFICIAL_FILE = /(?:(?:要|下载|导出|发我|给我|发一下|生成)[^，,。]{0,6}(?:运行)?监控表|(?:要|下载|导出|发我|给我|发一下|生成)[^，,。]{0,8}自评表|(?:运行)?监控表(?:的)?(?:文件|表格|excel|xlsx)|自评表(?:的)?(?:文件|表格|excel|xlsx))/i;

/** The two official tables (docs/monitoring.md): 绩效运行监控表 and 部门整体支出绩效自评表. */
export type OfficialTable = "monitoring" | "self-evaluation";

/** Which official table a file request names: 自评表 → self-evaluation, else monitoring. */
export function officialTableOf(text: string): OfficialTable {
  return /自评/.test(text) ? "self-evaluation" : "monitoring";
}

/** 选2 / 第二个 / 二十号: the number of a choice or a day (domain/numerals.ts); 0 when none. */
function smallNumber(s: string): number {
  return parseNumeral(s) ?? 0;
}

/** A whole-message dialog move (确认, 取消, 选2), or null. */
export function dialogMove(text: string): { intent: Intent; choice: number | null } | null {
  const t = text.trim();
  const choose = CHOOSE.exec(t);
  if (choose) return { intent: "choose", choice: smallNumber(choose[1]!) };
  if (CONFIRM.test(t)) return { intent: "confirm", choice: null };
  if (CANCEL.test(t)) return { intent: "cancel", choice: null };
  return null;
}

/** A question word or mark anywhere (吗, 多少, 怎么样, ？). */
export function asksQuestion(text: string): boolean {
  return QUESTION.test(text);
}

export function ownSectionMentioned(text: string): boolean {
  return OWN_SECTION.test(text);
}

/** 定性 progress: 已完成 → done, 正在推进 → in_progress; 还没完成 → in_progress for a 定性 indicator only. */
export function statusOf(text: string, opts: { qualitative?: boolean } = {}): "done" | "in_progress" | null {
  for (const m of text.matchAll(DONE)) {
    if (!NEGATED.test(text.slice(Math.max(0, m.index - 2), m.index))) return "done";
  }
  if (IN_PROGRESS.test(text)) return "in_progress";
  if (opts.qualitative && NOT_DONE.test(text)) return "in_progress";
  return null;
}

/** "提醒我每月3号报" → 3. */
export function askedReminderDay(text: string): number | null {
  const m = REMIND_DAY.exec(text);
  if (!m) return null;
  const d = smallNumber(m[1] ?? m[2]!);
  return d >= 1 && d <= 31 ? d : null;
}

/** A scoped list question: whose (我们, 普法科, 我名下) + which (哪些, 列出, 看看) + what (指标, 考核, 内容). */
function asksForList(text: string, s: IntentSignals): boolean {
  if (!LIST_NOUN.test(text)) return false;
  // "能帮我列出指标吗", "今年的绩效目标有哪些": with no indicator named, which-targets is the list
  if (!(s.ownSection || s.section || LIST_SCOPE.test(text))) return !s.indicator && /指标|目标/.test(text) && LIST_PLURAL.test(text);
  if (s.indicator) return LIST_PLURAL.test(text);
  return LIST_WHICH.test(text) || LIST_AT_END.test(text); // "本处室的考核指标"
}

/** The intent of a message that is not a dialog move. */
export function classifyIntent(text: string, s: IntentSignals): Intent {
  const question = QUESTION.test(text);
  const fixed = fixMistypedBao(text);
  if (!s.value && DASHBOARD.test(text.trim())) return "dashboard";
  if (!s.value && OFFICIAL_FILE.test(text)) return "official_file";
  if (MUTE.test(text)) return "mute_reminders";
  if (REMIND.test(text) && /提醒|通知|叫我/.test(text)) return "remind_me";
  if (UNDO.test(text)) return "undo";
  if (s.indicator && !s.value && HISTORY.test(text)) return "history";
  if (CORRECT.test(text) && (s.value || s.status)) return "correct";
  if (OFF_TOPIC.test(text)) return "unknown";
  // 补报 / 漏报了 补一下 + a figure: a late report, not a question about who is missing
  if (LATE_REPORT.test(fixed) && s.value && !question) return "report_progress";
  if (OVERDUE.test(fixed)) return "overdue";
  if (!s.indicator && !s.value && asksMissing(text)) return "overdue";
  if (!s.value && (HELP_PHRASE.test(text) || (!s.indicator && (HOW_TO.test(text) || HELP_WORD.test(text))))) return "help";
  // 帮我写一份党建工作总结: a task, not a report (no figure, no status) nor a question
  if (!s.value && !s.status && TASK_REQUEST.test(text) && !PROGRESS_STRONG.test(text)) return "unknown";
  if (!s.value && looksAtReportedData(text, s.ownSection || !!s.section || !!s.period)) return "query_progress";
  if (!question && s.indicator && (s.value || s.status)) return "report_progress";
  // 给领导汇报 / 写报告: reporting to someone, not to the bot — a report verb needs a figure then
  if (REPORT_VERB.test(fixed) && (s.value || (s.indicator && !TO_SOMEONE.test(fixed))) && !question) return "report_progress";
  const asksProgress = PROGRESS_STRONG.test(text) || /怎么样|如何|情况/.test(text);
  if (!asksProgress && asksForList(text, s)) return "list_indicators";
  const asksTarget = (TARGET.test(text) && !progressGoverns(text)) || asksRequirement(text, s.indicator);
  if (asksTarget && !s.indicator && s.namesOther && !s.ownSection && !s.section) return "unknown";
  if (asksTarget && (s.indicator || !LIST.test(text))) return "query_target";
  if (LIST.test(text) && !s.indicator && !asksProgress) return "list_indicators";
  if (PROGRESS_STRONG.test(text)) return "query_progress";
  if (PROGRESS_WEAK.test(text) && (s.indicator || s.ownSection || s.section)) return "query_progress";
  if (s.indicator) return s.value && !question ? "report_progress" : "query_progress";
  if (s.value && s.unit !== false && !question && text.trim().length <= 8) return "report_progress"; // "98.9%" answering "数值是多少？"
  if (HELP.test(text)) return "help";
  return "unknown";
}
