// The Feishu contact directory as a ContactSource (users/directory.ts provisions from it), used
// with FEISHU_DEPARTMENT_MAP: GET /open-apis/contact/v3/users/:open_id?user_id_type=open_id (scopes
// contact:user.base:readonly + contact:user.department:readonly) → data.user.{name, department_ids}.
// The first department (in department_ids order) that the map knows names the section.
import { z } from "zod";
import { sectionForDepartments, type ContactPerson, type ContactSource } from "../contact-source.js";
import { RetryableError } from "../../outbox/index.js";
import { withTimeout } from "../../util/timeout.js";
import type { FeishuApi } from "./api.js";

const contactUserSchema = z.object({
  code: z.literal(0),
  data: z.object({
    user: z.object({
      name: z.string().optional(),
      department_ids: z.array(z.string()).optional(),
    }),
  }),
});

export { sectionForDepartments } from "../contact-source.js";

export interface FeishuContactSourceOptions {
  api: FeishuApi;
  /** Feishu department id → Section.code. */
  departmentMap: Record<string, string>;
  /** A contact lookup slower than this counts as a transient failure (default 5 s). */
  timeoutMs?: number;
}

export function createFeishuContactSource(o: FeishuContactSourceOptions): ContactSource {
  return {
    platform: "feishu",
    mapName: "FEISHU_DEPARTMENT_MAP",
    sectionCodes: [...new Set(Object.values(o.departmentMap))],
    async lookup(openId): Promise<ContactPerson> {
      const call = o.api.call("contact.v3.user.get", (client) =>
        client.contact.v3.user.get({ path: { user_id: openId }, params: { user_id_type: "open_id" } }),
      );
      const ms = o.timeoutMs ?? 5_000;
      const parsed = contactUserSchema.safeParse(await withTimeout(call, ms, () => new RetryableError(`contact.v3.user.get: timed out after ${ms} ms`)));
      if (!parsed.success) throw new Error("contact.v3.user.get: unexpected answer");
      const user = parsed.data.data.user;
      const match = sectionForDepartments(user.department_ids ?? [], o.departmentMap);
      return {
        name: user.name?.trim() || undefined,
        sectionCode: match?.sectionCode,
        evidence: match ? { feishuDepartmentId: match.departmentId } : { feishuDepartmentIds: (user.department_ids ?? []).join(",") },
      };
    },
  };
}
