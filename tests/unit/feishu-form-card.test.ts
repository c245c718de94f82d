// A Card with a form renders as Feishu card JSON 2.0 with a `form` container at the body's root
// (飞书开放平台 表单容器 JSON 2.0: https://open.feishu.cn/document/feishu-cards/card-json-v2-components/containers/form-container):
// named inputs, one submit button whose callback value is ours; a card without a form stays JSON 1.0.
import { describe, expect, it } from "vitest";
import { renderCard } from "../../src/platforms/feishu/render.js";
import type { Card } from "../../src/conversation/types.js";

const form: Card = {
  title: "填报：人民参与和促进法治科未报指标",
  tone: "info",
  lines: ["以下 2 项指标还没有数据<br>"],
  form: {
    fields: [
      { name: "i1_2021-11-01_2021-11-30", label: "调解成功率（2021年11月，单位：%）", placeholder: "只填数字" },
      { name: "i2_2021-11-01_2021-11-30", label: "持续提升人民调解影响力（2021年11月，单位：期）", placeholder: "只填数字" },
    ],
    submit: { label: "提交，下一步确认", value: { action: "report_form_submit", token: "t1" } },
  },
  footer: "提交后会先给出确认卡片",
};

describe("Feishu form card", () => {
  const out = renderCard(form) as { schema: string; header: { title: { content: string } }; body: { elements: Array<Record<string, unknown>> } };

  it("is card JSON 2.0 with the form at the body's root", () => {
    expect(out.schema).toBe("2.0");
    expect(out.header.title.content).toBe(form.title);
    const f = out.body.elements.find((e) => e.tag === "form") as { name: string; elements: Array<Record<string, unknown>> };
    expect(f.name).toBe("report_form");
    expect(f.elements.filter((e) => e.tag === "input").map((e) => e.name)).toEqual(["i1_2021-11-01_2021-11-30", "i2_2021-11-01_2021-11-30"]);
    const submit = f.elements.find((e) => e.tag === "button")!;
    expect(submit).toMatchObject({ form_action_type: "submit", behaviors: [{ type: "callback", value: { action: "report_form_submit", token: "t1" } }] });
  });

  it("escapes markup in the lines", () => {
    expect(JSON.stringify(out)).toContain("&lt;br&gt;");
  });

  it("a card without a form keeps the JSON 1.0 shape; 偏差原因 choices are buttons with their own actions", () => {
    const plain = renderCard({ title: "请说明偏差原因", tone: "warning", lines: ["1. 经费保障"], buttons: [{ label: "经费保障", value: { action: "reason:cause:1", token: "t2" } }] }) as { schema?: string; elements: Array<{ tag: string; actions?: Array<{ value: unknown }> }> };
    expect(plain.schema).toBeUndefined();
    expect(plain.elements.find((e) => e.tag === "action")?.actions?.[0]?.value).toEqual({ action: "reason:cause:1", token: "t2" });
  });
});
