// The part of a message that names an indicator: the message minus its period, its numbers (with
// units), intent words and function words. Removed stretches become "|" so that no character
// bigram is formed across them.

// Longest first within each alternation; order matters only where one phrase contains another.
const NOISE = new RegExp(
  [
    // intent phrases
    "的?(?:年度)?目标值?(?:是多少|是什么|是)?", "的?指标值?(?:是多少|是什么|有哪些|有什么)?", "要求(?:是多少|是)?", "(?<![高考核])标准(?!化)(?:是多少|是)?", "(?:要|需要?|应该?|得)达到(?:多少)?",
    "(?:要|需要|得|应该)?完成(?:了|得)?(?:多少|情况|怎么样|如何|咋样|怎样|没有?|吗)", "完成得", "完成率", "进度(?:如何|怎么样)?", "进展", "怎么样了?", "如何", "情况",
    "是多少", "多少(?:了)?", "有哪些", "有什么", "还有谁", "谁", "哪些", "哪个", "(?:没有?|未)(?:上|填)?报", "缺报", "漏报", "名单", "清单", "列表", "一览", "列出",
    "(?:考核|绩效)(?:指标|目标|任务|内容|事项)", "(?:全年|年度|今年)?任务(?:量|数|是多少)?", "按要求", "算达标", "达标", "(?:哪些|各个?|本|我们)?科室",
    // adverbs and time words that never name an indicator
    "你们", "他们", "她们", "你", "我", "他", "她", "没有", "已经", "现在", "目前", "当前", "今天", "还", "都", "也", "就", "又", "再", "才", "一共", "总共",
    "上报一下", "报一下", "上报", "报送", "填报", "录入", "登记", "汇报", "提交",
    "已经?完成了?", "完成了", "(?:没有?|未)完成", "正在推进", "推进中", "进行中", "正在进行", "有序推进",
    "改成", "改为", "更正为?", "修改为", "应该是", "错了",
    "查看", "查询", "查一下", "看看", "看一下", "请问", "帮我", "麻烦", "一下", "(?:这个|本|该)?(?:系统|机器人|小程序|助手)?(?:怎么|如何|怎样|咋)(?:使用|用|操作)",
    // own section, pronouns
    "我们科室?", "我科", "本科室", "咱们", "我们", "本部门", "负责的?",
    // function words
    "共计", "[的了吗呢吧啊呀么是为]",
  ].join("|"),
  "g",
);

export function indicatorQuery(text: string, removed: Array<[number, number]>): string {
  let s = "";
  let last = 0;
  for (const [a, b] of [...removed].sort((x, y) => x[0] - y[0])) {
    if (a < last) {
      last = Math.max(last, b);
      continue;
    }
    s += text.slice(last, a) + "|";
    last = b;
  }
  s += text.slice(last);
  return s.replace(NOISE, "|");
}
