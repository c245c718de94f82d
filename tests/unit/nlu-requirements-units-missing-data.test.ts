// A third held-out set, written after the second blind evaluation: requirement questions without 目标
// (全年任务几期, 要求啥时候完成, 指标咋定的), looking at reported data (看下我们科上月报的数据), units the
// parser did not know (分, 册, 版, 学时) and the dominant unit of a compound target, missing-data and
// help phrasings — each with guards for the opposite reading (progress questions with 任务/要求,
// reports with 帮助/数据, indicators whose words look like help). None are in the dev or blind sets.
// The labelled messages: tests/nlu/labelled/requirements-units-missing-data.jsonl (run by tests/helpers/nlu-cases.ts).
import { describeLabelledSet } from "../helpers/nlu-cases.js";

describeLabelledSet("parseMessage: requirements, reported data, units, missing data", "requirements-units-missing-data", { atLeast: 60 });
