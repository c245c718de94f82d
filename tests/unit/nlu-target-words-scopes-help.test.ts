// A second held-out set, written after the blind evaluation showed gaps: 标准-style target questions,
// scoped list questions (own or named section), how-to help questions, worded percentages, the
// natural counting unit and cumulative periods (前三季度, 今年以来). None of these are in the dev or
// blind sets; they probe the general rules, not sentences.
// The labelled messages: tests/nlu/labelled/target-words-scopes-help.jsonl (run by tests/helpers/nlu-cases.ts).
import { describeLabelledSet } from "../helpers/nlu-cases.js";

describeLabelledSet("parseMessage: target words, scoped lists, help, worded percentages", "target-words-scopes-help", { atLeast: 60 });
