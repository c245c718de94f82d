// The DingTalk contact directory as a ContactSource (users/directory.ts provisions from it), used
// with DINGTALK_DEPARTMENT_MAP (DingTalk dept_id → Section.code): topapi/v2/user/get (api.ts) gives
// the staff member's name and dept_id_list; the first department (in that order) the map knows
// names the section — the same rule as Feishu's (platforms/contact-source.ts).
import { RetryableError } from "../../outbox/errors.js";
import { sectionForDepartments, type ContactPerson, type ContactSource } from "../contact-source.js";
import { DingTalkApiError, type DingTalkApi } from "./api.js";

export function createDingTalkContactSource(o: { api: DingTalkApi; departmentMap: Record<string, string> }): ContactSource {
  return {
    platform: "dingtalk",
    mapName: "DINGTALK_DEPARTMENT_MAP",
    sectionCodes: [...new Set(Object.values(o.departmentMap))],
    async lookup(staffId): Promise<ContactPerson> {
      let person: { name?: string; deptIds: string[] };
      try {
        person = await o.api.userDetail(staffId);
      } catch (err) {
        if (err instanceof DingTalkApiError && err.retryable) throw new RetryableError(err.message);
        throw err;
      }
      const match = sectionForDepartments(person.deptIds, o.departmentMap);
      return {
        name: person.name,
        sectionCode: match?.sectionCode,
        evidence: match ? { dingtalkDepartmentId: match.departmentId } : { dingtalkDepartmentIds: person.deptIds.join(",") },
      };
    },
  };
}
