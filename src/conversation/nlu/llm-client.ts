// One OpenAI-compatible chat-completions call with one function tool (`extract`). Works the same for
// DeepSeek, Qwen (DashScope compatible mode), Doubao (Ark) and Ollama's /v1 (see ../shared/NLU.md).
// No `tool_choice`: Ollama rejects it, and the prompt already asks for the call. Every failure —
// timeout, HTTP error, a body or arguments that do not validate — comes back as a reason string,
// never as an exception: the caller keeps the rule-based result.
import { z } from "zod";
import type { Logger } from "../../logger.js";
import { EXTRACT_TOOL, LLM_INTENTS, systemPrompt } from "./llm-prompt.js";
import type { ParseContext } from "./types.js";
import { describeIssues } from "../../zod-issues.js";

export interface LlmSettings {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

/** What the model said about one message; names and texts, never ids. */
export interface LlmExtraction {
  intent: (typeof LLM_INTENTS)[number];
  indicator: string | null;
  value: number | null;
  unit: string | null;
  period: string | null;
}

export type LlmResult = { ok: true; extraction: LlmExtraction } | { ok: false; reason: string };

export interface LlmClient {
  extract(text: string, ctx: ParseContext): Promise<LlmResult>;
}

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const optionalText = z.preprocess(blankToNull, z.string().trim().max(200).nullish()).transform((v) => v ?? null);

/** The tool-call arguments. Models write numbers as strings now and then ("98.5"); accept those. */
export const extractionSchema = z.object({
  intent: z.enum(LLM_INTENTS),
  indicator: optionalText,
  value: z
    .preprocess(blankToNull, z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]).nullish())
    .refine((v) => v == null || Number.isFinite(v), "value must be a finite number")
    .transform((v) => v ?? null),
  unit: optionalText,
  period: optionalText,
});

const responseSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          tool_calls: z
            .array(z.object({ function: z.object({ name: z.string(), arguments: z.union([z.string(), z.record(z.string(), z.unknown())]) }) }))
            .nullish(),
        }),
      }),
    )
    .min(1),
});

export function chatCompletionsRequest(settings: LlmSettings, text: string, ctx: ParseContext) {
  return {
    model: settings.model,
    temperature: 0,
    messages: [
      { role: "system", content: systemPrompt(ctx.indicators, ctx.now) },
      { role: "user", content: text },
    ],
    tools: [EXTRACT_TOOL],
  };
}

/** The arguments of the `extract` call; a bare JSON object in `content` is accepted too (some local models answer that way). */
function toolArguments(body: z.infer<typeof responseSchema>): unknown {
  const message = body.choices[0]!.message;
  const call = message.tool_calls?.find((c) => c.function.name === EXTRACT_TOOL.function.name);
  const raw = call ? call.function.arguments : message.content?.trim().replace(/^```(?:json)?\s*|\s*```$/g, "");
  if (raw === undefined || raw === null || raw === "") throw new Error("no extract tool call in the answer");
  return typeof raw === "string" ? JSON.parse(raw) : raw;
}

export function createLlmClient(settings: LlmSettings, opts: { log?: Logger; fetch?: typeof fetch } = {}): LlmClient {
  const doFetch = opts.fetch ?? fetch;
  const url = `${settings.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  return {
    async extract(text, ctx) {
      const started = Date.now();
      const fail = (reason: string): LlmResult => {
        opts.log?.warn({ reason, ms: Date.now() - started }, "llm fallback unavailable, keeping the rule-based result");
        return { ok: false, reason };
      };
      let body: unknown;
      try {
        const res = await doFetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
          },
          body: JSON.stringify(chatCompletionsRequest(settings, text, ctx)),
          signal: AbortSignal.timeout(settings.timeoutMs),
        });
        if (!res.ok) return fail(`HTTP ${res.status}`);
        body = await res.json();
      } catch (err) {
        const name = (err as Error).name;
        return fail(name === "TimeoutError" ? `timed out after ${settings.timeoutMs} ms` : `request failed: ${(err as Error).message}`);
      }
      const shaped = responseSchema.safeParse(body);
      if (!shaped.success) return fail("answer is not a chat completion");
      let args: unknown;
      try {
        args = toolArguments(shaped.data);
      } catch (err) {
        return fail(`unreadable tool call: ${(err as Error).message}`);
      }
      const extraction = extractionSchema.safeParse(args);
      if (!extraction.success) return fail(`invalid extract arguments: ${describeIssues(extraction.error)}`);
      opts.log?.debug({ ms: Date.now() - started, intent: extraction.data.intent }, "llm fallback answered");
      return { ok: true, extraction: extraction.data };
    },
  };
}
