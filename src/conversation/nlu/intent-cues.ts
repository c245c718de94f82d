// Question shapes that single keywords miss: asking what an indicator requires (全年任务几期, 要求啥时候
// 完成, 指标咋定的), looking at what was reported (看下我们科上月报的数据), asking what is missing
// (缺哪些数据, 还欠哪些) and help words anywhere in a message (帮助文档, 操作手册).

/** Words that make a question about what was done, whatever requirement word it also contains. */
const PROGRESS_MARK = /还(?:要|需要?|得)(?!求)|完成了|已经?完成|进度|进展|到哪(?![些几])|完成没|完成情况|完成得|完成率|(?:多少|几)[个期篇场本项件次名人位]?了|[报做发办搞播买开招培录]了|累计|实际/;

const REQUIREMENT = new RegExp(
  [
    // 全年任务几期, 任务是多少, 任务量有多少
    "任务(?:量|数|额)?(?:是|有|为|定了?|共|一共|总共|总计)?(?:几|多少)",
    // 要求啥时候完成, 要求完成啥, 要求达到什么 (not 要求的完成了没有: no 的/了 in between)
    "要求[^，,。了的]{0,4}?(?:啥|什么|多少|几|何时|哪)",
    // 咋定的, 如何确定的, 怎么考核的, 完成率怎么算
    "(?:咋|怎么|怎样|如何)(?:定|制定|确定|设定|规定|下达|考核|考评|评分|计算|算)",
    // 定了什么, 定的是啥
    "定(?:了|的)(?:是)?(?:什么|啥|多少|几)",
    // 今年该买多少本, 全年需完成多少篇, 必须完成几场
    "(?:应该?|应当|该|需要?|须|必须|得|要)要?(?:完成|达到|做到|做|办|开展|举办|召开|发布?|播出?|购买|买|聘请|培训|招)[^，,。]{0,2}?(?:多少|几|啥|什么|哪些)",
    // 全年不少于几天, 至少多少篇, 不低于多少 (quoting the requirement's own words)
    "(?:不少于|不低于|不得?少于|至少|最少|最低|不超过|(?<!目前|现在|当前|已经?|实际)达到|大于|高于|以上)(?:要|得)?(?:几|多少|啥|什么)",
    // 完成期限, 截止时间, 啥时候前要完成
    "期限|时限|截止(?:时间|日期)|截止到?(?:什么时候|啥时候|何时|哪天|几号)|(?:什么时候|啥时候|何时)(?:截止|到期)|(?:啥|什么)时候(?:之?前)?(?:要|必须|得|应该?|需要?)(?:完成|做完|办完|验收|建成)",
  ].join("|"),
);

/** 多少篇来着, 是几个来着: recalling a figure of a named indicator — its fixed target. */
const RECALL = /(?:几|多少|啥|什么)[^，,。]{0,3}来着/;

/** A question about the indicator's requirement (plan, deadline, how it was set), not about progress. */
export function asksRequirement(text: string, indicator = false): boolean {
  return (REQUIREMENT.test(text) || (indicator && RECALL.test(text))) && !PROGRESS_MARK.test(text);
}

/** Progress words that govern a question even when it names the target (开办培训目标完成了多少, 达标了吗). */
const PROGRESS_GOVERNS = /还(?:要|需要?|得)(?!求)|完成了|已经?完成|完成得|完成情况|完成没|进度|进展|到哪(?![些几])|(?:多少|几)[个期篇场本项件次名人位]?了|(?:目前|现在|当前|已经?|实际)(?:达到|完成)|达标了|达到了|还差|差多少|离目标|目标完成[率度]/;
/** An explicit question for the target itself, which no progress word overrides (完成率要求是多少). */
const TARGET_QUESTION = /(?:目标|指标|要求|任务|标准)(?:值|数|量)?(?:是|为|定的?|定了)?(?:多少|几|什么|啥)/;

/** Whether a question with a target word asks for progress against it rather than for the target. */
export function progressGoverns(text: string): boolean {
  return PROGRESS_GOVERNS.test(text) && !TARGET_QUESTION.test(text);
}

const LOOK = /看下|看看|看一下|看一看|瞧瞧|瞅瞅|查下|查查|查一下|查看|调出|调取|给我看|显示/;
const DATA = /数据|数字|报的|报过|(?:报|填|交|录)了(?:什么|啥|哪些)|填的|交的|(?:上报|报送|填报)(?:的)?(?:情况|记录)|记录|台账/;
/** About to report, not looking: 上报上个月的数据 (but 上报的数据, 上报情况 are looked at). */
const REPORTING = /(?:上报|报送|填报|录入|提交|报一下)(?![的过情记])/;
const FIXING = /错|不对|删|撤|改|作废/;

/**
 * Looking at reported data (progress): a look verb + data ("看下我们科上月报的数据"), or data of a
 * scope or a period ("普法科上月的数据呢", "我们科报过哪些数据", "调解科上个月报了什么").
 */
export function looksAtReportedData(text: string, scoped: boolean): boolean {
  if (FIXING.test(text) || !DATA.test(text)) return false;
  return LOOK.test(text) || (scoped && !REPORTING.test(text));
}

const MISSING = new RegExp(
  [
    "(?:缺|(?<![多至减])少|差|欠)(?:报|交|填|录)?(?:了|着)?(?:哪些|哪几|哪个|什么|啥|谁)",
    "(?:缺|(?<![多至减])少|欠)(?:了)?(?:的)?(?:数据|报表|材料)",
    "数据[^，,。]{0,3}(?:缺|差|欠)",
    "(?:没|未)(?:录|录入|上传|传|填写)",
    "空着|欠着|(?:没有?|无)数据",
  ].join("|"),
);

/** Asking what is still missing (缺哪些数据, 还欠哪些, 哪些还没录) — overdue, when no indicator is named. */
export function asksMissing(text: string): boolean {
  return MISSING.test(text);
}

/**
 * Help words anywhere in a message without an indicator or a value (帮助文档, 操作手册在哪, 新手指南);
 * 帮助 as a noun only, not the verb of 帮助困难群众.
 */
export const HELP_WORD = /帮助(?=$|[^\p{Script=Han}]|一下|[吧呢啊呀吗])|手册|说明书|使用说明|教程|指南|文档|新手|入门|faq|help/iu;
/** Names of the bot's help itself: help even when a word of it looks like an indicator (帮助信息 ≠ 仲裁信息). */
export const HELP_PHRASE = /帮助(?:信息|文档|中心|说明|页面?|菜单)|使用帮助|(?:使用|操作|用户)(?:手册|指南|说明书?)|说明书|教程|新手/;

/**
 * A task for the bot to do, not a report (帮我写一份党建工作总结, 起草个方案, 做个PPT): 一份 there is
 * no progress figure. Progress words still make it a progress question (帮我生成一份进度表).
 */
export const TASK_REQUEST = /(?:帮我|给我|替我|请)?(?:写|撰写|起草|拟|草拟|编写|生成|制作|做|出|整理|润色|改写|翻译)(?:一下|一?[份篇个页版]|几[份篇个页句])?[^，,。]{0,12}?(?:总结|报告|汇报材料|材料|方案|报表|统计表|讲话稿|发言稿|稿子|稿件|通知|简报|文章|ppt|幻灯片|表格|计划书|新闻稿|信息稿|心得|体会)/i;
/** The figure counts the document asked for (写一份, 起草两篇), not progress. */
export const TASK_QUANTITY = /(?:写|撰写|起草|拟|编写|生成|做|帮我出|给我出|整理)$/;

/**
 * Matters of office life the bot has nothing to do with: leave, attendance (the bot does no 打卡),
 * expenses, pay, canteen — and complaints about a device or system (系统又坏了, 电脑登不上).
 * Unknown, whatever indicator a word of them seems to match weakly.
 */
export const OFF_TOPIC = /请[^，,。]{0,4}假|休假|调休|销假|打卡|考勤|报销|发票|工资|加班费|加班餐|食堂|公积金|社保卡?|停车|(?:系统|电脑|网络|网站|网页|页面|软件|app|手机|打印机|账号)[^，,。]{0,4}(?:坏了|不好用|用不了|登不上|登录不了|进不去|打不开|崩了|卡死|卡了|出错|报错|故障)/i;

/** 保 typed for 报 (pinyin bao) in report words: 没保, 未保, 漏保, 保送 — not 保密, 保障, 保险. */
const MISTYPED_BAO = /(没有?|未|漏|缺|还没)保(?![密障险证护持管存修洁安健养卫])|保送(?!生)/g;
export function fixMistypedBao(text: string): string {
  return text.replace(MISTYPED_BAO, (m, neg: string | undefined) => (neg ? `${neg}报` : "报送"));
}
