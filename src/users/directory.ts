// The one identity lookup: who is talking, as a BotUser, for any platform. A known account
// (Identity row; on the "local" platform the user id itself) is answered from the database. An
// unknown messenger account is offered to that platform's ContactSource (Feishu or DingTalk
// departments mapped to sections): when the source vouches for a section, provisionUser creates
// the staff User + Identity + AuditLog row and the answer is that user. Anything else — no source,
// no mapped department, no name, an API error, a namesake in the section — leaves the person
// unknown (the core's guest/onboarding answer), is logged, and is remembered for a while so a
// chatty unknown user does not hit the contact API on every message. Never throws for a lookup
// that failed: the conversation goes on either way.
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { Platform } from "../messages.js";
import type { ContactPerson, ContactSource } from "../platforms/contact-source.js";
import { RetryableError } from "../outbox/errors.js";
import { findBotUser, type BotUser } from "./bot-user.js";
import { provisionUser } from "./provision-user.js";

export type { BotUser } from "./bot-user.js";
export type { ContactPerson, ContactSource } from "../platforms/contact-source.js";

export interface Directory {
  /** The active user behind (platform, externalId), provisioning an unknown account if its directory allows. */
  resolve(platform: Platform, externalId: string): Promise<BotUser | null>;
}

export interface DirectoryOptions {
  db: Database;
  sources?: ContactSource[];
  log: Logger;
  /** Wall clock (audit rows, cache expiry). */
  now?: () => Date;
  /** How long "not bindable" is remembered (default 10 min). */
  negativeTtlMs?: number;
  /** How long a transient failure is remembered (default 1 min). */
  errorTtlMs?: number;
}

const MAX_NEGATIVE_ENTRIES = 10_000;

export function createDirectory(o: DirectoryOptions): Directory {
  const log = o.log.child({ mod: "directory" });
  const now = o.now ?? (() => new Date());
  const sources = new Map((o.sources ?? []).map((s) => [s.platform as Platform, s]));
  const negativeTtlMs = o.negativeTtlMs ?? 10 * 60_000;
  const errorTtlMs = o.errorTtlMs ?? 60_000;
  /** "platform:externalId" → until when it is not looked up again. */
  const negative = new Map<string, number>();
  /** One lookup per account at a time (a burst of messages, a card press during a message). */
  const inFlight = new Map<string, Promise<void>>();

  function remember(key: string, ttlMs: number): void {
    const t = now().getTime();
    if (negative.size >= MAX_NEGATIVE_ENTRIES) {
      for (const [k, until] of negative) if (until <= t) negative.delete(k);
      if (negative.size >= MAX_NEGATIVE_ENTRIES) negative.delete(negative.keys().next().value!);
    }
    negative.set(key, t + ttlMs);
  }

  async function provision(source: ContactSource, externalId: string, key: string): Promise<void> {
    const platform = source.platform;
    let person: ContactPerson;
    try {
      person = await source.lookup(externalId);
    } catch (err) {
      const transient = err instanceof RetryableError;
      log.warn({ platform, externalId, err: (err as Error).message }, "contact lookup failed; the user stays unbound");
      return remember(key, transient ? errorTtlMs : negativeTtlMs);
    }
    if (!person.sectionCode) {
      log.info({ platform, externalId, evidence: person.evidence }, "no mapped department; the user stays unbound");
      return remember(key, negativeTtlMs);
    }
    if (!person.name) {
      log.warn({ platform, externalId }, "the contact directory gave no name (missing scope?); the user stays unbound");
      return remember(key, negativeTtlMs);
    }
    const outcome = await provisionUser(o.db, { platform, externalId, name: person.name, sectionCode: person.sectionCode, evidence: person.evidence, now: now() });
    switch (outcome.kind) {
      case "created":
        return void log.info({ platform, externalId, userId: outcome.userId, section: person.sectionCode, ...person.evidence }, "user bound from the contact directory");
      case "existing":
        return;
      case "unknown_section":
        log.warn({ platform, externalId, section: person.sectionCode }, "the department map names an unknown section code; the user stays unbound");
        return remember(key, negativeTtlMs);
      case "name_taken":
        log.warn({ platform, externalId, userId: outcome.userId, section: person.sectionCode }, "a user of this name already exists in the section; bind by hand (users bind)");
        return remember(key, negativeTtlMs);
    }
  }

  /** Provisions `externalId` if its source allows; never throws. */
  function ensure(source: ContactSource, externalId: string): Promise<void> {
    const key = `${source.platform}:${externalId}`;
    const until = negative.get(key);
    if (until !== undefined) {
      if (until > now().getTime()) return Promise.resolve();
      negative.delete(key);
    }
    let p = inFlight.get(key);
    if (!p) {
      p = provision(source, externalId, key)
        .catch((err: unknown) => log.warn({ err, platform: source.platform, externalId }, "identity provisioning failed; the user stays unbound"))
        .finally(() => inFlight.delete(key));
      inFlight.set(key, p);
    }
    return p;
  }

  return {
    async resolve(platform, externalId) {
      const known = await findBotUser(o.db, platform, externalId);
      const source = sources.get(platform);
      if (known || !source) return known;
      await ensure(source, externalId);
      return findBotUser(o.db, platform, externalId);
    },
  };
}

/** Warns about section codes a department map names that no section has (those departments are then skipped). */
export async function checkDepartmentMap(db: Database, source: ContactSource, log: Logger): Promise<void> {
  const codes = [...source.sectionCodes];
  const known = new Set((await db.prisma.section.findMany({ where: { code: { in: codes } }, select: { code: true } })).map((s) => s.code));
  const unknown = codes.filter((code) => !known.has(code));
  if (unknown.length) log.warn({ unknown }, `${source.mapName} names section codes that do not exist (see \`npm run cli -- sections\`)`);
  log.info({ sections: codes.length }, `${source.platform} users are bound from contact departments (${source.mapName})`);
}
