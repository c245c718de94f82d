// Reply splitting must be linear in the text length (issue 10 item 7: the old per-character
// re-serialisation was O(n²); 48k characters stalled the event loop 17 s).
//   npx tsx scripts/bench-split.ts
// Prints the time per size and the ratio against the 8k case: linear means the ratio follows the
// size ratio (×2 per doubling), quadratic would give ×4. The old algorithm runs as the baseline on
// the sizes it can finish.
import { splitReply } from "../src/platforms/feishu/split.js";

const TEXT_LIMIT = 140 * 1024;
const bytes = (s: string) => Buffer.byteLength(JSON.stringify(s), "utf8");
/** The pre-fix cutLine, kept here as the baseline. */
function oldCut(line: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let part = "";
  for (const ch of line) {
    if (bytes(part + ch) + 2 > maxBytes) {
      parts.push(part);
      part = "";
    }
    part += ch;
  }
  return part ? [...parts, part] : parts;
}

function time(fn: () => unknown, reps: number): number {
  for (let i = 0; i < 3; i++) fn(); // warm-up (JIT)
  const t = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return (performance.now() - t) / reps;
}

const sizes = [8_000, 16_000, 32_000, 64_000, 128_000, 256_000];
let base = 0;
for (const n of sizes) {
  const text = "调解成功率99.2%，".repeat(Math.ceil(n / 10)).slice(0, n);
  const ms = time(() => splitReply({ kind: "text", text }), 20);
  base ||= ms;
  const old = n <= 16_000 ? time(() => oldCut(text, TEXT_LIMIT), 1) : undefined;
  console.log(
    `${String(n).padStart(7)} chars: ${ms.toFixed(2).padStart(7)} ms  ×${(ms / base).toFixed(1).padStart(5)} of 8k (size ×${n / sizes[0]!})` +
      (old !== undefined ? `   old cutLine: ${old.toFixed(0)} ms` : ""),
  );
}
