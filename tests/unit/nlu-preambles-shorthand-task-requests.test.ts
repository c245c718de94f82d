// A fourth held-out set, written after the third blind evaluation: long chatty messages with a
// preamble (greetings, 我是立法科的小王) before the request, words typed with spaces (指 标 列 表),
// media and legal-service shorthand (公号, 推文, 法援, 律所, 人调), task requests that are not reports
// (帮我写一份…总结), questions quoting a requirement (不少于几天, 至少多少, …来着) and 科里 as our
// section — each with guards for the opposite reading. None are in the dev or blind sets.
// The labelled messages: tests/nlu/labelled/preambles-shorthand-task-requests.jsonl (run by tests/helpers/nlu-cases.ts).
import { describeLabelledSet } from "../helpers/nlu-cases.js";

describeLabelledSet("parseMessage: preambles, shorthand, task requests, quoted requirements", "preambles-shorthand-task-requests", { atLeast: 60 });
