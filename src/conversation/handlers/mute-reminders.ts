// "这个月别提醒了": no reminders to this user for the reporting cycle now under way (on 2 Dec that
// is November's data). Administrators still see the section's missing count after the deadline.
import { text, type IntentHandler } from "../turn.js";

export const muteReminders: IntentHandler = async ({ db, user, now, ports }) => {
  const m = await ports.reminderPreferences.muteCurrentCycle(db, user.id, now);
  const { month, day } = { month: Number(m.deadline.slice(5, 7)), day: Number(m.deadline.slice(8, 10)) };
  // Said on 15 November this mutes November's data, reminded in December — so "下个月照常提醒" would
  // be wrong; name the next cycle instead.
  const [y, mo] = m.periodKey.split("-").map(Number) as [number, number];
  const next = mo === 12 ? `${y + 1}年1月` : `${y}年${mo + 1}月`;
  return [text(`好的，${m.label}的数据（${month}月${day}日截止）不再提醒您；${next}的数据照常提醒。`)];
};
