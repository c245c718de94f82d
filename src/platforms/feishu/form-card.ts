// A Card with a form → a Feishu card JSON 2.0 with a `form` container (the only card kind that
// holds inputs submitted together). Shapes, from 飞书开放平台:
// - 表单容器 (JSON 2.0): https://open.feishu.cn/document/feishu-cards/card-json-v2-components/containers/form-container
//   {tag:"form", name, elements:[…inputs, a button with form_action_type "submit"]}; the form sits at
//   the body's root, and each input inside it needs a `name` unique in the card.
// - 输入框 (JSON 2.0): {tag:"input", name, label:{tag:"plain_text"}, placeholder:{tag:"plain_text"}}.
// - 按钮 (JSON 2.0): {tag:"button", text, type, form_action_type:"submit", behaviors:[{type:"callback", value}]}.
// - 卡片回传交互 (card.action.trigger): the submit comes back with action.value (the button's
//   callback value) and action.form_value {inputName: text} — read by events.ts.
import type { Card, Tone } from "../../conversation/types.js";

const TEMPLATE: Record<Tone, string> = { info: "blue", success: "green", warning: "orange", danger: "red" };

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function renderFormCard(card: Card & { form: NonNullable<Card["form"]> }): Record<string, unknown> {
  const { form } = card;
  const inputs = form.fields.map((f) => ({
    tag: "input",
    name: f.name,
    label: { tag: "plain_text", content: f.label },
    label_position: "top",
    placeholder: { tag: "plain_text", content: f.placeholder },
    max_length: 100,
  }));
  const submit = {
    tag: "button",
    name: "submit",
    text: { tag: "plain_text", content: form.submit.label },
    type: "primary_filled",
    form_action_type: "submit",
    behaviors: [{ type: "callback", value: form.submit.value }],
  };
  const elements: Record<string, unknown>[] = [];
  if (card.lines.length) elements.push({ tag: "markdown", content: card.lines.map(escape).join("\n") });
  elements.push({ tag: "form", name: "report_form", elements: [...inputs, submit] });
  if (card.footer) elements.push({ tag: "markdown", content: escape(card.footer), text_size: "notation" });
  return {
    schema: "2.0",
    config: { update_multi: true },
    header: { title: { tag: "plain_text", content: card.title }, template: TEMPLATE[card.tone] },
    body: { elements },
  };
}
