// remind_me / mute_reminders belong to the reminders module; until it plugs its handlers into
// createBot({ handlers }), the bot says so instead of pretending.
import { text, type IntentHandler } from "../turn.js";

export const remindersNotYet: IntentHandler = async () => [
  text("个人提醒设置暂未开放，报送截止前系统会按默认规则提醒科室负责人。"),
];
