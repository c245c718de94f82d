// Optional self-service binding from the Feishu contact directory (FEISHU_DEPARTMENT_MAP):
// someone writing to the bot (or pressing a card button) whose open_id has no Identity is looked up
// with GET /open-apis/contact/v3/users/:open_id?user_id_type=open_id (scopes
// contact:user.base:readonly + contact:user.department:readonly) → data.user.{name, department_ids}.
// The first department (in department_ids order) that the map knows names the section; the
// platform-neutral use-case provisionUser then creates the staff User + Identity + AuditLog row.
// Anything else — no mapped department, no name, an API error, no permission, a namesake already in
// the section — leaves the person unknown (the core's onboarding reply), is logged, and is
// remembered for a while so a chatty unknown user does not hit the contact API on every message.
// Never throws: the conversation goes on either way.
import { z } from "zod";
import type { Bot } from "../../conversation/types.js";
import type { Database } from "../../db/client.js";
import type { Logger } from "../../logger.js";
import { RetryableError } from "../../outbox/index.js";
import { provisionUser } from "../../users/provision-user.js";
import { checkBody, classifyThrown } from "./api-errors.js";
import type { FeishuApi } from "./api.js";

export type ProvisionResult = "known" | "bound" | "unbound";

export interface IdentityProvisioner {
  /** Makes sure `openId` has an Identity if the directory allows; says what it found. */
  ensure(openId: string): Promise<ProvisionResult>;
}

export interface IdentityProvisionerOptions {
  db: Database;
  api: FeishuApi;
  /** Feishu department id → Section.code. */
  departmentMap: Record<string, string>;
  log: Logger;
  /** Wall clock (audit rows, cache expiry). */
  now: () => Date;
  /** How long "not bindable" is remembered (default 10 min). */
  negativeTtlMs?: number;
  /** How long a transient failure (timeout, 5xx, rate limit) is remembered (default 1 min). */
  errorTtlMs?: number;
  /** A contact lookup slower than this counts as failed (default 5 s). */
  timeoutMs?: number;
}

const contactUserSchema = z.object({
  code: z.literal(0),
  data: z.object({
    user: z.object({
      name: z.string().optional(),
      department_ids: z.array(z.string()).optional(),
    }),
  }),
});

/** The section for a user's departments: the first department id (in the user's order) the map knows. */
export function sectionForDepartments(
  departmentIds: readonly string[],
  map: Record<string, string>,
): { departmentId: string; sectionCode: string } | undefined {
  for (const departmentId of departmentIds) {
    const sectionCode = Object.hasOwn(map, departmentId) ? map[departmentId] : undefined;
    if (sectionCode) return { departmentId, sectionCode };
  }
  return undefined;
}

const MAX_NEGATIVE_ENTRIES = 10_000;

export function createIdentityProvisioner(o: IdentityProvisionerOptions): IdentityProvisioner {
  const log = o.log.child({ mod: "feishu-identity" });
  const negativeTtlMs = o.negativeTtlMs ?? 10 * 60_000;
  const errorTtlMs = o.errorTtlMs ?? 60_000;
  /** open_id → until when it is not looked up again. */
  const negative = new Map<string, number>();
  /** One lookup per open_id at a time (a burst of messages, a card press during a message). */
  const inFlight = new Map<string, Promise<ProvisionResult>>();

  function remember(openId: string, ttlMs: number): "unbound" {
    const now = o.now().getTime();
    if (negative.size >= MAX_NEGATIVE_ENTRIES) {
      for (const [k, until] of negative) if (until <= now) negative.delete(k);
      if (negative.size >= MAX_NEGATIVE_ENTRIES) negative.delete(negative.keys().next().value!);
    }
    negative.set(openId, now + ttlMs);
    return "unbound";
  }

  async function lookup(openId: string): Promise<{ name?: string; departmentIds: string[] }> {
    const call = o.api.withFreshToken(async () => {
      let res: unknown;
      try {
        res = await o.api.client.contact.v3.user.get({ path: { user_id: openId }, params: { user_id_type: "open_id" } });
      } catch (err) {
        throw classifyThrown(err, "contact.v3.user.get");
      }
      checkBody(res as { code?: number; msg?: string }, "contact.v3.user.get");
      return res;
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RetryableError("contact.v3.user.get: timed out")), o.timeoutMs ?? 5_000);
      timer.unref();
    });
    try {
      const parsed = contactUserSchema.safeParse(await Promise.race([call, timeout]));
      if (!parsed.success) throw new Error("contact.v3.user.get: unexpected answer");
      const user = parsed.data.data.user;
      return { name: user.name?.trim() || undefined, departmentIds: user.department_ids ?? [] };
    } finally {
      clearTimeout(timer);
      call.catch(() => {}); // a late failure after the timeout is not unhandled
    }
  }

  async function provision(openId: string): Promise<ProvisionResult> {
    let person: { name?: string; departmentIds: string[] };
    try {
      person = await lookup(openId);
    } catch (err) {
      const transient = err instanceof RetryableError;
      log.warn({ openId, err: (err as Error).message }, "feishu contact lookup failed; the user stays unbound");
      return remember(openId, transient ? errorTtlMs : negativeTtlMs);
    }
    const match = sectionForDepartments(person.departmentIds, o.departmentMap);
    if (!match) {
      log.info({ openId, departmentIds: person.departmentIds }, "no mapped feishu department; the user stays unbound");
      return remember(openId, negativeTtlMs);
    }
    if (!person.name) {
      log.warn({ openId }, "feishu contact gave no name (scope contact:user.base:readonly?); the user stays unbound");
      return remember(openId, negativeTtlMs);
    }
    const outcome = await provisionUser(o.db, {
      platform: "feishu",
      externalId: openId,
      name: person.name,
      sectionCode: match.sectionCode,
      evidence: { feishuDepartmentId: match.departmentId },
      now: o.now(),
    });
    switch (outcome.kind) {
      case "created":
        log.info({ openId, userId: outcome.userId, section: match.sectionCode, departmentId: match.departmentId }, "feishu user bound from the contact directory");
        return "bound";
      case "existing":
        return "known";
      case "unknown_section":
        log.warn({ openId, section: match.sectionCode, departmentId: match.departmentId }, "FEISHU_DEPARTMENT_MAP names an unknown section code; the user stays unbound");
        return remember(openId, negativeTtlMs);
      case "name_taken":
        log.warn({ openId, userId: outcome.userId, section: match.sectionCode }, "a user of this name already exists in the section; bind by hand (users bind)");
        return remember(openId, negativeTtlMs);
    }
  }

  async function ensure(openId: string): Promise<ProvisionResult> {
    const until = negative.get(openId);
    if (until !== undefined) {
      if (until > o.now().getTime()) return "unbound";
      negative.delete(openId);
    }
    const bound = await o.db.prisma.identity.findUnique({
      where: { platform_externalId: { platform: "feishu", externalId: openId } },
      select: { id: true },
    });
    if (bound) return "known";
    return provision(openId);
  }

  return {
    ensure(openId) {
      let p = inFlight.get(openId);
      if (!p) {
        p = ensure(openId)
          .catch((err: unknown) => {
            log.warn({ err, openId }, "feishu identity provisioning failed; the user stays unbound");
            return "unbound" as const;
          })
          .finally(() => inFlight.delete(openId));
        inFlight.set(openId, p);
      }
      return p;
    },
  };
}

/**
 * The bot as the Feishu channel sees it: unknown senders are offered to the provisioner first, then
 * the core answers as usual (a real answer once bound, the onboarding reply otherwise). Group
 * messages not addressed to the bot are passed on untouched (the core ignores them).
 */
export function withIdentityProvisioning(bot: Bot, provisioner: IdentityProvisioner): Bot {
  return {
    async handle(message, commit) {
      const forUs = message.chatType === "p2p" || message.mentioned;
      if (message.platform === "feishu" && forUs) await provisioner.ensure(message.externalUserId);
      return bot.handle(message, commit);
    },
    async handleAction(action) {
      if (action.platform === "feishu") await provisioner.ensure(action.externalUserId);
      return bot.handleAction(action);
    },
  };
}
