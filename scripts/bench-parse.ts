// Throughput of the rule-based parser: `npx tsx scripts/bench-parse.ts [--cli]`.
// In process: parseMessage over the dev set's messages (catalogue from data/goal-table-2021.json).
// --cli: also the whole `npm run cli -- parse` (process start, database open, catalogue load) on
// 5,000 messages: start-up time, messages/s end to end and after start-up.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { IndicatorMatcher } from "../src/conversation/nlu/indicator-matcher.js";
import { parseMessage } from "../src/conversation/nlu/parse.js";
import { catalogDocs } from "../tests/helpers/catalog-docs.js";

const root = path.resolve(import.meta.dirname, "..");
const devSet = path.resolve(root, "../shared/nlu/dev.jsonl");
const messages: string[] = readFileSync(devSet, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text);
const docs = catalogDocs();
const ctx = { now: new Date("2021-11-15T10:00:00+08:00"), indicators: docs };

let t = performance.now();
new IndicatorMatcher(docs);
const first = performance.now() - t;
t = performance.now();
new IndicatorMatcher(docs);
console.log(`matcher build: ${(performance.now() - t).toFixed(1)} ms for ${docs.length} indicators (first ${first.toFixed(0)} ms, loads the pinyin dictionary)`);

for (let i = 0; i < 500; i++) parseMessage(messages[i % messages.length]!, ctx); // warm up
const n = 20_000;
t = performance.now();
for (let i = 0; i < n; i++) parseMessage(messages[i % messages.length]!, ctx);
const ms = performance.now() - t;
console.log(`parseMessage: ${Math.round(n / (ms / 1000))} messages/s (${((ms * 1000) / n).toFixed(0)} µs each, ${n} messages)`);

function runCli(count: number): number {
  const input = Array.from({ length: count }, (_, i) => messages[i % messages.length]).join("\n") + "\n";
  const start = performance.now();
  const args = ["run", "--silent", "cli", "--", "parse", "--now", "2021-11-15T10:00:00+08:00"];
  const run = spawnSync("npm", args, { cwd: root, input, encoding: "utf8", maxBuffer: 64 << 20 });
  const wall = performance.now() - start;
  const lines = run.stdout.split("\n").filter((l) => l.startsWith("{")).length;
  if (run.status !== 0 || lines !== count) throw new Error(`parse CLI failed (status ${run.status}, ${lines} lines): ${run.stderr.slice(-500)}`);
  return wall;
}

if (process.argv.includes("--cli")) {
  const one = Math.min(runCli(1), runCli(1));
  const many = runCli(5000);
  console.log(`parse CLI: start-up ${(one / 1000).toFixed(1)} s; 5000 messages in ${(many / 1000).toFixed(1)} s → ` +
    `${Math.round(5000 / (many / 1000))} messages/s end to end, ${Math.round(4999 / ((many - one) / 1000))} messages/s after start-up`);
}
