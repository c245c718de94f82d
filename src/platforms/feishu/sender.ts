// Delivers outbox rows to Feishu through the official SDK (`im.v1.message.create` / `.patch`).
// Target: {receive_id_type: "open_id"|"chat_id", receive_id} for a new message, or
// {update_message_id} to change a card already sent (PATCH, after a button press).
// Payload: a core Reply. `uuid` = the outbox idempotency key: Feishu sends at most one message per
// uuid within 1 h, so a retry after a lost response never shows twice (uuid ≤ 50 chars: longer keys
// are hashed). A long reply is split; part i > 0 gets uuid "<key>#i". Because of that uuid the
// outbox may simply retry a send whose answer was lost (`deduplicates`).
// Send limits [doc, 频率控制]: 50/s per app, 5/s per user or chat — buckets shared by all instances.
import { createHash } from "node:crypto";
import type { ReceivedMessage, Reply, ReplyAddress } from "../../messages.js";
import type { Logger } from "../../logger.js";
import { PermanentError, type RateBucket, type Sender, type SendContext } from "../../outbox/index.js";
import { uploadedChart, type ChartImage } from "../../charts/chat-image.js";
import { uploadImage } from "./image-upload.js";
import { sendAttachment } from "./file-attachment.js";
import type { RateLimits } from "../../outbox/rate-limiter.js";
import { renderCard } from "./render.js";
import { createFeishuApi, type FeishuApi, type FeishuCredentials } from "./api.js";
import { splitReply } from "./split.js";

export type FeishuTarget =
  | { receive_id_type: "open_id" | "chat_id"; receive_id: string }
  | { update_message_id: string };

/** Replies go where the message came from: the user for a p2p chat, the group otherwise. */
export function replyAddress(msg: Pick<ReceivedMessage, "chatType" | "externalUserId" | "chatId">): FeishuTarget {
  return msg.chatType === "p2p"
    ? { receive_id_type: "open_id", receive_id: msg.externalUserId }
    : { receive_id_type: "chat_id", receive_id: msg.chatId };
}

/** A stored address read back as a Feishu target; anything else is a row that can never be sent. */
export function feishuTarget(a: ReplyAddress): FeishuTarget {
  if (typeof a.update_message_id === "string") return { update_message_id: a.update_message_id };
  if ((a.receive_id_type === "open_id" || a.receive_id_type === "chat_id") && typeof a.receive_id === "string") {
    return { receive_id_type: a.receive_id_type, receive_id: a.receive_id };
  }
  throw new PermanentError("feishu target needs receive_id_type + receive_id or update_message_id");
}

export function uuidFor(key: string): string {
  return key.length <= 50 ? key : createHash("sha256").update(key).digest("hex").slice(0, 40);
}

export function messageContent(reply: Reply, image?: ChartImage | null): { msg_type: "text" | "interactive"; content: string } {
  return reply.kind === "text"
    ? { msg_type: "text", content: JSON.stringify({ text: reply.text }) }
    : { msg_type: "interactive", content: JSON.stringify(renderCard(reply.card, image)) };
}

export class FeishuSender implements Sender {
  readonly platform = "feishu" as const;
  /** Feishu keeps one message per uuid for 1 h: a retry after a lost answer never shows twice. */
  readonly deduplicates = true;
  /** The app's Open API client and token cache; the channel uses it too (contact, bot info). */
  readonly api: FeishuApi;
  private readonly appId: string;

  constructor(
    credentials: FeishuCredentials,
    private readonly log: Logger,
    private readonly limits: RateLimits = { perApp: 50, perRecipient: 5 },
  ) {
    this.api = createFeishuApi(credentials, log);
    this.appId = credentials.appId;
  }

  rateBuckets(target: ReplyAddress): RateBucket[] {
    const app = { key: `feishu:${this.appId}:app`, perSecond: this.limits.perApp };
    const to = this.rateKey(target);
    return to === undefined ? [app] : [app, { key: `feishu:${this.appId}:to:${to}`, perSecond: this.limits.perRecipient }];
  }

  rateKey(target: ReplyAddress): string | undefined {
    return typeof target.receive_id === "string" ? target.receive_id : undefined;
  }

  async send(target: ReplyAddress, reply: Reply, idempotencyKey: string, ctx?: SendContext): Promise<{ externalId?: string }> {
    const t = feishuTarget(target);
    if ("update_message_id" in t) {
      if (reply.kind !== "card") throw new PermanentError("only cards can be updated");
      await this.api.call("im.v1.message.patch", (client) =>
        client.im.v1.message.patch({ path: { message_id: t.update_message_id }, data: { content: messageContent(reply).content } }),
      );
      return { externalId: t.update_message_id };
    }
    // A chart (issue 14) goes up through im/v1/images once per row and shows in the first card.
    const image = await uploadedChart(reply, (png) => this.api.withFreshToken(() => uploadImage(this.api, png)), ctx, (err) => this.log.warn({ err }, "chart not shown: upload failed"));
    const ids: string[] = [];
    for (const [i, part] of splitReply(reply).entries()) {
      const uuid = uuidFor(i === 0 ? idempotencyKey : `${idempotencyKey}#${i}`);
      const res = await this.api.call("im.v1.message.create", (client) =>
        client.im.v1.message.create({ params: { receive_id_type: t.receive_id_type }, data: { receive_id: t.receive_id, ...messageContent(part, i === 0 ? image : null), uuid } }),
      );
      ids.push(res.data?.message_id ?? "");
    }
    const file = await sendAttachment(this.api, t, reply, uuidFor(`${idempotencyKey}#file`), ctx, this.log);
    if (file) ids.push(file);
    return { externalId: ids.join(",") };
  }
}
