// What the bot can do, with sentences people can copy; the shorter form for messages it could not place;
// and the reply for someone who is not bound to a user yet.
import type { Card } from "../types.js";

const EXAMPLES = [
  "调解成功率的目标是多少",
  "普法动态今年发了多少篇了",
  "本月调解成功率99.2%",
  "十月份普法动态发了12篇",
  "我们科有哪些指标 / 还有哪些没报",
];

export function helpCard(): Card {
  return {
    title: "绩效助手可以帮您",
    tone: "info",
    lines: [
      "· 查询指标的年度目标、参考值和负责科室",
      "· 查询完成进度（累计值、完成率、时间进度）",
      "· 报送月度进展（确认后保存，可“改成…”或“撤回”）",
      "· 查看本科室指标和缺报情况",
      "**示例**：",
      ...EXAMPLES.map((e) => `· ${e}`),
    ],
  };
}

export function unknownText(): string {
  return `抱歉，没有理解您的意思。您可以这样说：\n${EXAMPLES.slice(0, 3).map((e) => `· ${e}`).join("\n")}\n回复“帮助”查看全部用法。`;
}

export function onboardingText(platform: string, externalId: string): string {
  if (platform === "local") return `用户 ${externalId} 不存在或已停用，请在页面上重新选择用户，或联系管理员。`;
  const flag = platform === "dingtalk" ? "--dingtalk-staff-id" : "--feishu-open-id";
  return [
    "您好，您的账号尚未绑定绩效助手用户，暂时无法查询或报送。",
    `请联系管理员执行：npm run cli -- users add --name <姓名> --section <科室> --role staff ${flag} ${externalId}`,
    `（已有用户只需绑定：npm run cli -- users bind --user <姓名> ${flag} ${externalId}）`,
    `您的账号标识（${platform}）：${externalId}`,
  ].join("\n");
}
