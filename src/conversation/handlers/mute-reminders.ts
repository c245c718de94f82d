// "这个月别提醒了": no reminders to this user for the reporting cycle now under way (on 2 Dec that
// is November's data). Administrators still see the section's missing count after the deadline.
import { muteCurrentPeriod } from "../../reminders/preferences.js";
import { text, type IntentHandler } from "../turn.js";

export const muteReminders: IntentHandler = async ({ db, user, now }) => {
  const m = await muteCurrentPeriod(db, user.id, now);
  const { month, day } = { month: Number(m.deadline.slice(5, 7)), day: Number(m.deadline.slice(8, 10)) };
  return [text(`好的，${m.label}的数据（${month}月${day}日截止）不再提醒您。下个月照常提醒。`)];
};
