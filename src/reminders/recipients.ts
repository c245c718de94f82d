// The people reminders can go to, with the messenger identity each is reached on. Loaded once per
// tick (a bureau has tens of people, not thousands).
import type { Database } from "../db/client.js";
import type { Json } from "../outbox/types.js";

export type Messenger = "feishu" | "dingtalk";

export interface Person {
  id: number;
  name: string;
  role: "staff" | "head" | "admin";
  sectionId: number | null;
  /** The identity messages go to: the first of the preferred platforms the person has. */
  address: { platform: Messenger; externalId: string } | null;
}

export async function loadPeople(db: Database, preferred: Messenger[]): Promise<Map<number, Person>> {
  const users = await db.prisma.user.findMany({ where: { active: true }, include: { identities: true }, orderBy: { id: "asc" } });
  const people = new Map<number, Person>();
  for (const u of users) {
    let address: Person["address"] = null;
    for (const platform of preferred) {
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
 * The outbox target each platform's Sender expects for a one-to-one message: DingTalk a staffId
 * (src/platforms/dingtalk/sender.ts staffTarget), Feishu an open_id (src/platforms/feishu/sender.ts
 * FeishuTarget).
 */
export function outboxTarget(address: NonNullable<Person["address"]>): Json {
  return address.platform === "dingtalk"
    ? { staffId: address.externalId }
    : { receive_id_type: "open_id", receive_id: address.externalId };
}
