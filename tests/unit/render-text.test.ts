import { describe, expect, it } from "vitest";
import { renderText } from "../../src/conversation/replies/render-text.js";

describe("renderText", () => {
  it("renders a card as title, lines without ** markers, buttons and footer", () => {
    const text = renderText({
      kind: "card",
      card: {
        title: "请确认报送",
        tone: "info",
        lines: ["**指标**：调解成功率", "**数值**：99.2%"],
        buttons: [{ label: "确认", value: { action: "confirm", token: "x" } }, { label: "取消", value: { action: "cancel", token: "x" } }],
        footer: "回复“确认”保存",
      },
    });
    expect(text).toBe("【请确认报送】\n指标：调解成功率\n数值：99.2%\n[确认] [取消]\n回复“确认”保存");
  });

  it("passes text through", () => {
    expect(renderText({ kind: "text", text: "已取消。" })).toBe("已取消。");
  });
});
