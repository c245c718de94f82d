// A sixth held-out set, written after the fourth blind evaluation: messages about something else
// taken as bot requests — a bare number, leave and expenses (请假, 报销, 打卡: office matters, not
// indicators), a target question about no indicator (加班餐标准), complaints about a system — 保 typed
// for 报 in report words (没保, 漏保, 保送; not 保密, 保障), and 卷/宗 as units. Each with guards for the
// opposite reading: real reports, short indicator-only reports, numbered choices, corrections.
// None are in the dev or blind sets.
// The labelled messages: tests/nlu/labelled/off-topic-messages.jsonl (run by tests/helpers/nlu-cases.ts).
import { describeLabelledSet } from "../helpers/nlu-cases.js";

describeLabelledSet("parseMessage: messages about something else, 保 for 报, 卷/宗", "off-topic-messages", { atLeast: 30 });
