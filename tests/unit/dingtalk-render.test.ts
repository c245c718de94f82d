import { describe, expect, it } from "vitest";
import { MAX_MARKDOWN_BYTES, renderReply } from "../../src/platforms/dingtalk/render.js";

describe("Reply → DingTalk markdown", () => {
  it("renders a confirmation card with a typed-answer footer", () => {
    const [md, more] = renderReply({
      kind: "card",
      card: {
        title: "请确认上报",
        tone: "warning",
        lines: ["指标：**调解成功率**", "本月：99.2%"],
        buttons: [
          { label: "确认", value: { action: "confirm", token: "t" } },
          { label: "取消", value: { action: "cancel", token: "t" } },
        ],
      },
    });
    expect(more).toBeUndefined();
    expect(md).toEqual({
      title: "请确认上报",
      text: "#### ⚠️ 请确认上报\n\n指标：**调解成功率**\n\n本月：99.2%\n\n---\n\n回复「确认」或「取消」",
    });
  });

  it("uses the first line of a text reply as the title and keeps line breaks", () => {
    const [md] = renderReply({ kind: "text", text: "调解成功率\n目标 98%" });
    expect(md).toEqual({ title: "调解成功率", text: "调解成功率\n\n目标 98%" });
  });

  it("splits a long reply into parts of at most 20,000 bytes, losing nothing", () => {
    const line = "各科室本月上报情况：司法所调解成功率99.2%，已完成。"; // 3 bytes a Chinese character
    const text = Array.from({ length: 600 }, (_, i) => `${i} ${line}`).join("\n");
    const parts = renderReply({ kind: "text", text });
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p.text)).toBeLessThanOrEqual(MAX_MARKDOWN_BYTES);
    expect(parts[0]!.title).toMatch(/（1\/\d）$/);
    expect(parts.map((p) => p.text).join("\n\n")).toBe(text.replace(/\n/g, "\n\n"));
  });

  it("splits a single huge paragraph by characters without breaking one", () => {
    const parts = renderReply({ kind: "text", text: "好".repeat(10_000) }, 20_000);
    expect(parts.map((p) => Buffer.byteLength(p.text))).toEqual([19_998, 10_002]);
  });
});
