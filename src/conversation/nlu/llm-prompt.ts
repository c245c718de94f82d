// The prompt and the tool definition of the optional LLM fallback. The texts live in prompts/ so
// they can be tuned without touching code; this file only fills them in.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { toShanghai } from "../../domain/shanghai-time.js";
import type { IndicatorDoc } from "./types.js";

/** The intents the model may choose; dialog moves (确认, 取消, 选2…) are the rules' job alone. */
export const LLM_INTENTS = ["query_target", "query_progress", "report_progress", "list_indicators", "overdue", "help", "unknown"] as const;
export type LlmIntent = (typeof LLM_INTENTS)[number];

const PROMPTS = new URL("../../../prompts/", import.meta.url);

/** One OpenAI-style function tool; providers reject `type: ["string","null"]`, so absent = unknown. */
export const EXTRACT_TOOL = {
  type: "function",
  function: {
    name: "extract",
    description: "返回对一条绩效工作消息的理解：意图、指标名称、数值、单位、时间说法。",
    parameters: {
      type: "object",
      properties: {
        intent: { type: "string", enum: [...LLM_INTENTS], description: "消息的意图" },
        indicator: { type: "string", description: "指标名称，从给出的指标名称中原样选一个" },
        value: { type: "number", description: "上报的数值（阿拉伯数字）" },
        unit: { type: "string", description: "数值的单位，如 %、人次、篇" },
        period: { type: "string", description: "消息里的时间说法，原样抄写，如 本月、第三季度" },
      },
      required: ["intent"],
    },
  },
} as const;

const fewShotSchema = z.object({ text: z.string().min(1), arguments: z.record(z.string(), z.unknown()) });

interface PromptFiles {
  system: string;
  examples: Array<z.infer<typeof fewShotSchema>>;
}

let cached: PromptFiles | undefined;

/** Reads prompts/ once; a broken file fails loudly at the first use instead of sending half a prompt. */
export function loadPromptFiles(dir: URL = PROMPTS): PromptFiles {
  if (cached && dir === PROMPTS) return cached;
  const raw = readFileSync(new URL("intent-extraction.md", dir), "utf8");
  const marker = raw.indexOf("\n---\n");
  const system = (marker >= 0 ? raw.slice(marker + 5) : raw).trim();
  const examples = readFileSync(new URL("few-shot.jsonl", dir), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line, i) => {
      const parsed = fewShotSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`prompts/few-shot.jsonl line ${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
  const files = { system, examples };
  if (dir === PROMPTS) cached = files;
  return files;
}

/** "名称（别名、别名）", one per line; groups are left out to keep the prompt compact. */
export function indicatorList(indicators: IndicatorDoc[]): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const doc of indicators) {
    if (seen.has(doc.name)) continue;
    seen.add(doc.name);
    const aliases = doc.aliases.filter((a) => a !== doc.name);
    lines.push(aliases.length ? `${doc.name}（${aliases.join("、")}）` : doc.name);
  }
  return lines.join("\n");
}

function today(now: Date): string {
  const t = toShanghai(now);
  return `${t.year}年${t.month}月${t.day}日`;
}

export function systemPrompt(indicators: IndicatorDoc[], now: Date, files: PromptFiles = loadPromptFiles()): string {
  const examples = files.examples.map((e) => `消息：${e.text}\nextract(${JSON.stringify(e.arguments)})`).join("\n");
  const slots: Record<string, string> = { today: today(now), indicators: indicatorList(indicators), examples };
  return files.system.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => slots[key] ?? whole);
}
