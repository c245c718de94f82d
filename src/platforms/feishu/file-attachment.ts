// A card's file attachment (an official table, issue 13 item 6) as a Feishu file message after the
// card: uploaded through im.v1.file.create (POST /open-apis/im/v1/files, file_type "xls" for
// Excel; https://open.feishu.cn/document/server-docs/im-v1/file/create), then im.v1.message.create
// with msg_type "file" and {"file_key"}. Uploaded once per outbox row (file_key kept in the row's
// progress); the message's uuid "<key>#file" lets Feishu drop a repeat. A failed upload sends
// nothing more: the card already carries the download link.
import type { Reply } from "../../conversation/types.js";
import type { Logger } from "../../logger.js";
import type { Json, SendContext } from "../../outbox/types.js";
import { checkBody, classifyThrown } from "./api-errors.js";
import type { FeishuApi } from "./api.js";

export async function sendAttachment(
  api: FeishuApi,
  target: { receive_id_type: "open_id" | "chat_id"; receive_id: string },
  reply: Reply,
  uuid: string,
  ctx: SendContext | undefined,
  log: Logger,
): Promise<string | null> {
  if (reply.kind !== "card" || !reply.card.attachment) return null;
  const { name, base64 } = reply.card.attachment;
  let fileKey = (ctx?.progress as { fileKey?: unknown } | null)?.fileKey;
  if (typeof fileKey !== "string" || !fileKey) {
    try {
      const res = await api.withFreshToken(() => api.client.im.v1.file.create({ data: { file_type: /\.xlsx?$/i.test(name) ? "xls" : "stream", file_name: name, file: Buffer.from(base64, "base64") } }));
      if (!res?.file_key) throw new Error("no file_key in the answer");
      fileKey = res.file_key;
      await ctx?.saveProgress({ ...((ctx.progress as Record<string, Json> | null) ?? {}), fileKey: res.file_key });
    } catch (err) {
      log.warn({ err }, "file not sent: upload failed (the card has the download link)");
      return null;
    }
  }
  let res: { code?: number; msg?: string; data?: { message_id?: string } };
  try {
    res = await api.withFreshToken(() => api.client.im.v1.message.create({
      params: { receive_id_type: target.receive_id_type },
      data: { receive_id: target.receive_id, msg_type: "file", content: JSON.stringify({ file_key: fileKey }), uuid },
    }));
  } catch (err) {
    throw classifyThrown(err, "im.v1.message.create (file)");
  }
  checkBody(res, "im.v1.message.create (file)");
  return res.data?.message_id ?? null;
}
