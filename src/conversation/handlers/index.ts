// One handler per intent. A Record over the Intent union: adding an intent without a handler
// does not compile.
import type { IntentHandlers } from "../turn.js";
import { queryTarget } from "./query-target.js";
import { queryProgress } from "./query-progress.js";
import { reportProgress } from "./report-progress.js";
import { listIndicators } from "./list-indicators.js";
import { overdue } from "./overdue.js";
import { help } from "./help.js";
import { unknown } from "./unknown.js";
import { confirm } from "./confirm.js";
import { cancel } from "./cancel.js";
import { correct } from "./correct.js";
import { undo } from "./undo.js";
import { choose } from "./choose.js";
import { remindMe } from "./remind-me.js";
import { muteReminders } from "./mute-reminders.js";
import { history } from "./history.js";
import { dashboard, officialFile } from "./dashboard.js";

export const defaultHandlers: IntentHandlers = {
  query_target: queryTarget,
  query_progress: queryProgress,
  report_progress: reportProgress,
  list_indicators: listIndicators,
  overdue,
  help,
  unknown,
  confirm,
  cancel,
  correct,
  undo,
  choose,
  remind_me: remindMe,
  mute_reminders: muteReminders,
  history,
  dashboard,
  official_file: officialFile,
};
