// The people reminders can go to, with the messenger identity each is reached on. Loaded once per
// tick (a bureau has tens of people, not thousands).
import type { Database } from "../db/client.js";
import type { ReplyAddress } from "../messages.js";

/** "local": the web chat (platforms/local), used when no messenger is configured — its identity is the user id. */
export type Messenger = "feishu" | "dingtalk" | "local";

export interface Person {
  id: number;
  name: string;
  role: "staff" | "head" | "admin";
  sectionId: number | null;
  /** The identity messages go to: the first of the preferred platforms the person has. */
  address: Address | null;
}

/** Where a reminder goes: a person's identity, or (chat = true) a group chat. */
export interface Address {
  platform: Messenger;
  /** open_id / staffId; for a group the Feishu chat_id or DingTalk openConversationId. */
  externalId: string;
  chat?: boolean;
}

export async function loadPeople(db: Database, preferred: Messenger[]): Promise<Map<number, Person>> {
  const users = await db.prisma.user.findMany({ where: { active: true }, include: { identities: true }, orderBy: { id: "asc" } });
  const people = new Map<number, Person>();
  for (const u of users) {
    let address: Person["address"] = null;
    for (const platform of preferred) {
      if (platform === "local") {
        address = { platform, externalId: String(u.id) };
        break;
      }
      const id = u.identities.find((i) => i.platform === platform);
      if (id) {
        address = { platform, externalId: id.externalId };
        break;
      }
    }
    people.set(u.id, { id: u.id, name: u.name, role: u.role, sectionId: u.sectionId, address });
  }
  return people;
}

/**
 * The outbox target each platform's Sender expects: one-to-one, DingTalk a staffId
 * (src/platforms/dingtalk/sender.ts staffTarget) and Feishu an open_id (src/platforms/feishu/sender.ts
 * FeishuTarget); a group, DingTalk an openConversationId (groupTarget) and Feishu a chat_id; the
 * web chat a user id (src/platforms/local/sender.ts localTarget).
 */
export function outboxTarget(address: Address): ReplyAddress {
  if (address.platform === "local") return { userId: Number(address.externalId) };
  if (address.platform === "dingtalk") return address.chat ? { openConversationId: address.externalId } : { staffId: address.externalId };
  return { receive_id_type: address.chat ? "chat_id" : "open_id", receive_id: address.externalId };
}
