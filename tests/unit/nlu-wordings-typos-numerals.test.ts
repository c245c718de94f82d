// Held-out messages (not in ../shared/nlu/dev.jsonl): other wordings, typos, Chinese numerals and
// other indicators of the 2021 table. Expected indicators are given as a distinctive part of the name.
// The labelled messages: tests/nlu/labelled/wordings-typos-numerals.jsonl (run by tests/helpers/nlu-cases.ts).
import { describeLabelledSet } from "../helpers/nlu-cases.js";

describeLabelledSet("parseMessage: other wordings, typos and Chinese numerals", "wordings-typos-numerals", { atLeast: 60 });
