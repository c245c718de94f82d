// The text of a Feishu message, from its content JSON and message.mentions.
// Source: 飞书开放平台「接收消息内容结构」(im-v1/message/events/message_content):
// - text: {"text":"@_user_1 本月调解成功率99.2%"}; every @ is a key "@_user_N" (N-th mention), @所有人
//   is "@_all"; `message.mentions[]` = [{key, id:{open_id,…}, name}] says who each key is.
// - post (sent when the text has a title, a link, an @ inside, formatting, or a line break from some
//   clients): {"title":"…","content":[[{tag:"text",text},{tag:"at",user_id:"@_user_1",user_name},
//   {tag:"a",text,href},{tag:"img"|"media"|"emotion"|"code_block"|"hr",…}], …]} — paragraphs of
//   elements. Some surfaces wrap it in a locale ({"zh_cn":{title, content}}).
// The SDK's own normalize() renders posts as markdown and resolves post @s by open_id (events carry
// the key), so the bot's @ would stay in the text: hence this small reader of our own.

/** One entry of message.mentions (the event's own shape; messages.ts Mention is the contract's). */
export interface FeishuMention {
  key: string;
  id?: { open_id?: string };
  name?: string;
}

/** How each mention key is rendered: "" (dropped: the bot, @所有人, unknown keys) or "@name". */
export type MentionRenderer = (key: string) => string;

const KEY = /@_user_\d+|@_all/g;

export function mentionRenderer(mentions: readonly FeishuMention[], dropped: (m: FeishuMention) => boolean): MentionRenderer {
  const byKey = new Map(mentions.map((m) => [m.key, m]));
  return (key) => {
    const m = byKey.get(key);
    if (!m || m.key === "@_all" || dropped(m) || !m.name) return "";
    return `@${m.name}`;
  };
}

const tidy = (s: string) => s.replace(/[ \t\u00a0]+/g, " ").trim();

/** text content → the text as the sender saw it, our @ removed. null when the JSON is broken. */
export function textOf(content: string, render: MentionRenderer): string | null {
  const parsed = parseJson(content) as { text?: unknown } | null;
  if (!parsed || typeof parsed.text !== "string") return null;
  return tidy(parsed.text.replace(KEY, (key) => ` ${render(key)} `));
}

interface PostElement {
  tag?: string;
  text?: string;
  href?: string;
  user_id?: string;
  user_name?: string;
}

/**
 * post content → every text and @ element in order (paragraphs on their own lines, title first);
 * `hasMedia` tells an image-only post (nothing to read) from an empty one.
 */
export function postOf(content: string, render: MentionRenderer): { text: string; hasMedia: boolean } | null {
  const parsed = parseJson(content) as Record<string, unknown> | null;
  if (!parsed) return null;
  const body = (Array.isArray(parsed.content) ? parsed : Object.values(parsed).find((v) => v && typeof v === "object" && Array.isArray((v as { content?: unknown }).content))) as
    | { title?: unknown; content: unknown[] }
    | undefined;
  if (!body) return null;
  let hasMedia = false;
  const element = (el: PostElement): string => {
    switch (el.tag) {
      case "text":
      case "code_block":
        return el.text ?? "";
      case "a":
        return el.text || el.href || "";
      case "at":
        if (el.user_id === "all" || el.user_id === "@_all") return " ";
        if (el.user_id && /^@_user_\d+$/.test(el.user_id)) return ` ${render(el.user_id)} `;
        return el.user_name ? ` @${el.user_name} ` : " ";
      case "img":
      case "media":
        hasMedia = true;
        return " ";
      default:
        return el.text ?? "";
    }
  };
  const lines = [typeof body.title === "string" ? body.title : ""];
  for (const paragraph of body.content) {
    if (Array.isArray(paragraph)) lines.push(paragraph.map((el) => element((el ?? {}) as PostElement)).join(""));
  }
  return { text: lines.map(tidy).filter(Boolean).join("\n"), hasMedia };
}

function parseJson(s: string): unknown {
  try {
    const v: unknown = JSON.parse(s);
    return v && typeof v === "object" ? v : null;
  } catch {
    return null;
  }
}
