// The outbox Sender for DingTalk. Target: where to answer; payload: a platform-neutral Reply.
// - In context, while the message's sessionWebhook is valid: POST the markdown to it (no token).
// - Otherwise (expired, rejected, or a proactive message such as a reminder): oToMessages/batchSend
//   to the staff id with msgKey sampleMarkdown.
// - A group target (openConversationId, e.g. a section's reminder group): groupMessages/send.
// DingTalk has no idempotency key for either call, so a retry after a timeout may duplicate; parts
// of a split reply already delivered are remembered per idempotencyKey and not sent again by this
// process.
import { z } from "zod";
import type { Clock } from "../../clock.js";
import type { IncomingMessage, Reply } from "../../conversation/types.js";
import { PermanentError, RetryableError } from "../../outbox/errors.js";
import type { Json, Sender } from "../../outbox/types.js";
import { DingTalkApiError, type DingTalkApi } from "./openapi.js";
import type { DingTalkReplyContext } from "./payload.js";
import { renderReply, type Markdown } from "./render.js";

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

/** Where the replies to `message` go (stored by the outbox as the row's target). */
export function replyTarget(message: IncomingMessage): DingTalkTarget {
  const ctx = (message.replyContext ?? {}) as Partial<DingTalkReplyContext>;
  return {
    staffId: ctx.staffId,
    sessionWebhook: ctx.sessionWebhook,
    sessionWebhookExpiredTime: ctx.sessionWebhookExpiredTime,
  };
}

/** A proactive message to a group chat (a section's reminders). */
export function groupTarget(openConversationId: string): DingTalkTarget {
  return { openConversationId };
}

/** A proactive one-to-one message (reminders, notices). */
export function staffTarget(staffId: string): DingTalkTarget {
  return { staffId };
}

export class DingTalkSender implements Sender {
  readonly platform = "dingtalk" as const;
  private readonly delivered = new Map<string, number>();

  constructor(
    private readonly api: DingTalkApi,
    private readonly clock: Clock,
  ) {}

  rateKey(target: Json): string | undefined {
    const t = targetSchema.safeParse(target);
    return t.success ? (t.data.staffId ?? t.data.openConversationId ?? t.data.sessionWebhook) : undefined;
  }

  async send(target: Json, payload: Json, idempotencyKey: string): Promise<{ externalId?: string }> {
    const t = targetSchema.safeParse(target);
    if (!t.success) throw new PermanentError(`dingtalk target: ${t.error.message}`);
    const reply = replySchema.safeParse(payload);
    if (!reply.success) throw new PermanentError(`dingtalk payload is not a Reply: ${reply.error.message}`);
    const parts = renderReply(reply.data as Reply);
    let externalId: string | undefined;
    for (let i = this.delivered.get(idempotencyKey) ?? 0; i < parts.length; i++) {
      externalId = await this.sendPart(t.data, parts[i]!);
      this.delivered.set(idempotencyKey, i + 1);
    }
    this.delivered.delete(idempotencyKey);
    return { externalId };
  }

  private async sendPart(t: DingTalkTarget, md: Markdown): Promise<string | undefined> {
    const webhookValid =
      t.sessionWebhook !== undefined &&
      (t.sessionWebhookExpiredTime ?? 0) - WEBHOOK_MARGIN_MS > this.clock.now().getTime();
    try {
      if (webhookValid) {
        try {
          await this.api.replyViaSessionWebhook(t.sessionWebhook!, md);
          return undefined;
        } catch (err) {
          // A rejected session (expired early, conversation gone): the staff id still reaches the user.
          if (!(err instanceof DingTalkApiError) || err.retryable || !(t.staffId || t.openConversationId)) throw err;
        }
      }
      if (!t.staffId && t.openConversationId) return await this.api.groupSendMarkdown(t.openConversationId, md);
      if (!t.staffId) throw new PermanentError("sessionWebhook expired and no staffId to send to");
      return await this.api.batchSendMarkdown([t.staffId], md);
    } catch (err) {
      if (err instanceof DingTalkApiError) {
        throw err.retryable ? new RetryableError(err.message) : new PermanentError(err.message);
      }
      throw err;
    }
  }
}
