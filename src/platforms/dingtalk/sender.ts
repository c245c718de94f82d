// The outbox Sender for DingTalk. Target: where to answer; payload: a platform-neutral Reply.
// - In context, while the message's sessionWebhook is valid: POST the markdown to it (no token).
// - Otherwise (expired, rejected, or a proactive message such as a reminder): oToMessages/batchSend
//   to the staff id with msgKey sampleMarkdown.
// - A group target (openConversationId, e.g. a section's reminder group): groupMessages/send.
// DingTalk has no idempotency key for any of these calls (`deduplicates` is false): the outbox's
// at-most-once rules apply to a send whose outcome is unknown (docs/delivery.md). The parts of a
// split reply already delivered are saved with the row (their processQueryKeys), so no attempt —
// in this process or another — sends them again, and `confirmDelivered` asks DingTalk's read-status
// API about them. Send limits: DINGTALK_QPS (default 20) per app per API, shared by all instances.
import { z } from "zod";
import type { Clock } from "../../clock.js";
import type { Reply, ReplyAddress } from "../../messages.js";
import { OutcomeUnknownError, PermanentError, RetryableError } from "../../outbox/errors.js";
import type { Json, RateBucket, Sender, SendContext } from "../../outbox/types.js";
import { DingTalkApiError, type DingTalkApi } from "./api.js";
import type { DingTalkReplyContext } from "./payload.js";
import { renderReply, type Markdown } from "./render.js";
import { uploadedChart } from "../../charts/chat-image.js";

/** Do not use a session webhook that expires within this margin (the send may take a while). */
const WEBHOOK_MARGIN_MS = 60_000;

const targetSchema = z
  .object({
    staffId: z.string().min(1).optional(),
    sessionWebhook: z.string().url().optional(),
    /** ms since epoch */
    sessionWebhookExpiredTime: z.number().optional(),
    /** A group chat the robot is in (proactive group messages). */
    openConversationId: z.string().min(1).optional(),
  })
  .refine((t) => t.staffId || t.sessionWebhook || t.openConversationId, { message: "needs staffId, sessionWebhook or openConversationId" });

export type DingTalkTarget = z.infer<typeof targetSchema>;

const replySchema = z.union([
  z.object({ kind: z.literal("text"), text: z.string() }),
  z.object({ kind: z.literal("card"), card: z.object({ title: z.string(), lines: z.array(z.string()) }).passthrough() }),
]);


/** Where the replies to a received robot message go (the channel stores it with the message). */
export function replyAddress(ctx: Pick<DingTalkReplyContext, "staffId" | "sessionWebhook" | "sessionWebhookExpiredTime">): DingTalkTarget {
  return { staffId: ctx.staffId, sessionWebhook: ctx.sessionWebhook, sessionWebhookExpiredTime: ctx.sessionWebhookExpiredTime };
}

/** A proactive message to a group chat (a section's reminders). */
export function groupTarget(openConversationId: string): DingTalkTarget {
  return { openConversationId };
}

/** A proactive one-to-one message (reminders, notices). */
export function staffTarget(staffId: string): DingTalkTarget {
  return { staffId };
}

/** What the sender keeps with the row between attempts: the parts delivered so far. */
const progressSchema = z.object({ parts: z.array(z.object({ via: z.enum(["webhook", "batchSend", "group"]), key: z.string() })) });
type Progress = z.infer<typeof progressSchema>;

export class DingTalkSender implements Sender {
  readonly platform = "dingtalk" as const;
  readonly deduplicates = false;
  /** Without a SendContext (direct calls): delivered parts per idempotency key, this process only. */
  private readonly delivered = new Map<string, Progress>();

  constructor(
    /** The app API client and token cache; the contact source uses it too. */
    readonly api: DingTalkApi,
    private readonly clock: Clock,
    private readonly opts: { appKey?: string; qps?: number; uploadImage?: (png: Buffer) => Promise<string> } = {},
  ) {}

  /** One bucket per API the send will use (DingTalk limits each API of an app separately). */
  rateBuckets(target: ReplyAddress): RateBucket[] {
    const t = targetSchema.safeParse(target);
    if (!t.success) return [];
    const api = this.webhookValid(t.data) ? "sessionWebhook" : !t.data.staffId && t.data.openConversationId ? "groupMessages/send" : "oToMessages/batchSend";
    return [{ key: `dingtalk:${this.opts.appKey ?? "app"}:${api}`, perSecond: this.opts.qps ?? 20 }];
  }

  /**
   * After an unknown outcome: delivered when every part of the reply has a processQueryKey and
   * DingTalk's read-status API reports the last one sent. A part whose answer was lost has no key
   * — that cannot be confirmed.
   */
  async confirmDelivered(target: ReplyAddress, payload: Reply, progress: Json): Promise<"delivered" | "unknown"> {
    const reply = replySchema.safeParse(payload);
    const p = progressSchema.safeParse(progress);
    if (!reply.success || !p.success) return "unknown";
    const parts = renderReply(payload).length;
    const last = p.data.parts[parts - 1];
    if (p.data.parts.length < parts || !last) return "unknown";
    if (last.via !== "batchSend" || !last.key) return "unknown";
    return (await this.api.oneToOneDelivered(last.key)) ? "delivered" : "unknown";
  }

  private webhookValid(t: DingTalkTarget): boolean {
    return t.sessionWebhook !== undefined && (t.sessionWebhookExpiredTime ?? 0) - WEBHOOK_MARGIN_MS > this.clock.now().getTime();
  }

  rateKey(target: ReplyAddress): string | undefined {
    const t = targetSchema.safeParse(target);
    return t.success ? (t.data.staffId ?? t.data.openConversationId ?? t.data.sessionWebhook) : undefined;
  }

  async send(target: ReplyAddress, payload: Reply, idempotencyKey: string, ctx?: SendContext): Promise<{ externalId?: string }> {
    const t = targetSchema.safeParse(target);
    if (!t.success) throw new PermanentError(`dingtalk target: ${t.error.message}`);
    const reply = replySchema.safeParse(payload);
    if (!reply.success) throw new PermanentError(`dingtalk payload is not a Reply: ${reply.error.message}`);
    const parts = renderReply(payload);
    // A chart (issue 14) is uploaded once per row (media/upload) and embedded under the first part.
    const image = this.opts.uploadImage ? await uploadedChart(payload, this.opts.uploadImage, ctx) : null;
    if (image && parts[0]) parts[0] = { ...parts[0], text: `${parts[0].text}

![${image.alt}](${image.key})` };
    const saved = progressSchema.safeParse(ctx ? ctx.progress : this.delivered.get(idempotencyKey));
    // The chart's media_id (charts/chat-image.ts) is kept in the progress beside the parts.
    const progress: Progress & { chartKey?: string } = { ...(saved.success ? saved.data : { parts: [] }), ...(image ? { chartKey: image.key } : {}) };
    for (let i = progress.parts.length; i < parts.length; i++) {
      progress.parts.push(await this.sendPart(t.data, parts[i]!));
      if (ctx) await ctx.saveProgress(progress);
      else this.delivered.set(idempotencyKey, progress);
    }
    this.delivered.delete(idempotencyKey);
    return { externalId: progress.parts.map((p) => p.key).filter(Boolean).join(",") || undefined };
  }

  private async sendPart(t: DingTalkTarget, md: Markdown): Promise<Progress["parts"][number]> {
    try {
      if (this.webhookValid(t)) {
        try {
          await this.api.replyViaSessionWebhook(t.sessionWebhook!, md);
          return { via: "webhook", key: "" };
        } catch (err) {
          // A rejected session (expired early, conversation gone): the staff id still reaches the user.
          if (!(err instanceof DingTalkApiError) || err.kind !== "permanent" || !(t.staffId || t.openConversationId)) throw err;
        }
      }
      if (!t.staffId && t.openConversationId) return { via: "group", key: await this.api.groupSendMarkdown(t.openConversationId, md) };
      if (!t.staffId) throw new PermanentError("sessionWebhook expired and no staffId to send to");
      return { via: "batchSend", key: await this.api.batchSendMarkdown([t.staffId], md) };
    } catch (err) {
      if (!(err instanceof DingTalkApiError)) throw err;
      if (err.kind === "permanent") throw new PermanentError(err.message);
      if (err.kind === "unknown") throw new OutcomeUnknownError(err.message);
      throw new RetryableError(err.message, err.retryAfterMs);
    }
  }
}
