// A fake OpenAI-compatible chat-completions server on 127.0.0.1 for the LLM fallback tests.
// POST /v1/chat/completions records the request (headers + JSON body) and answers with what the
// test queued: a tool call, a raw body (garbage), an HTTP status, or a delay longer than the timeout.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

export type FakeAnswer =
  | { toolCall: Record<string, unknown> }
  | { raw: string; status?: number }
  | { status: number }
  | { delayMs: number; toolCall: Record<string, unknown> };

export function toolCallCompletion(args: Record<string, unknown>) {
  return {
    id: "chatcmpl-fake",
    object: "chat.completion",
    choices: [
      {
        index: 0,
        finish_reason: "tool_calls",
        message: {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "call_1", type: "function", function: { name: "extract", arguments: JSON.stringify(args) } }],
        },
      },
    ],
  };
}

export class FakeChatCompletions {
  readonly requests: RecordedRequest[] = [];
  /** Base URL as LLM_BASE_URL would be set: http://127.0.0.1:port/v1 */
  baseUrl = "";
  private answers: FakeAnswer[] = [];
  private server: Server | undefined;
  private timers = new Set<NodeJS.Timeout>();

  answerNext(answer: FakeAnswer): void {
    this.answers.push(answer);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        this.requests.push({ path: req.url ?? "", headers: req.headers, body: text ? JSON.parse(text) : null });
        if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
          res.writeHead(404).end();
          return;
        }
        const answer = this.answers.shift() ?? { status: 500 };
        const json = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
        if ("delayMs" in answer) {
          const t = setTimeout(() => {
            this.timers.delete(t);
            if (!res.destroyed) json(200, toolCallCompletion(answer.toolCall));
          }, answer.delayMs);
          this.timers.add(t);
        } else if ("toolCall" in answer) json(200, toolCallCompletion(answer.toolCall));
        else if ("raw" in answer) res.writeHead(answer.status ?? 200, { "content-type": "application/json" }).end(answer.raw);
        else json(answer.status, { error: { message: "fake failure" } });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/v1`;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
