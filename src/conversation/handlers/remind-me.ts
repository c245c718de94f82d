// "提醒我每月3号报": a personal monthly reminder (the reminder-preferences port). It lists the
// asker's missing indicators on that day, and nothing when everything is in.
import { AppError } from "../../errors.js";
import { text, type IntentHandler } from "../turn.js";

export const remindMe: IntentHandler = async ({ db, parsed, user, ports }) => {
  const day = parsed.choice;
  if (day === null) return [text("请说每月几号提醒，例如：提醒我每月3号报")];
  try {
    const r = await ports.reminderPreferences.addPersonal(db, user.id, day);
    const when = `每月${r.dayOfMonth}号上午${r.hour}点`;
    return [
      text(
        r.created
          ? `好的，${when}提醒您还没报送的指标；都报齐了就不打扰。遇到周末、节假日顺延到下一个工作日。`
          : `已经设置过${when}的提醒了。`,
      ),
    ];
  } catch (err) {
    if (err instanceof AppError) return [text(err.userMessage)];
    throw err;
  }
};
