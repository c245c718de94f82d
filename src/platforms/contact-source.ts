// What a messenger edge may offer the user directory (users/directory.ts): its contact directory,
// asked about an account nobody has bound yet. The edge only reads the platform's directory and
// maps departments to section codes; provisioning and every database write stay in users/.

/** What a messenger's contact directory says about one of its accounts. */
export interface ContactPerson {
  /** Display name in the directory. */
  name?: string;
  /** Section.code of the first of the person's departments the department map knows. */
  sectionCode?: string;
  /** Why this section (e.g. {feishuDepartmentId}); kept in the audit row and the log. */
  evidence?: Record<string, string>;
}

/**
 * A messenger's directory (feishu/contact-source.ts, dingtalk/contact-source.ts). `lookup` throws a
 * RetryableError (outbox/errors.ts) for a transient failure (timeout, 5xx, rate limit) and any other
 * error for a permanent one.
 */
export interface ContactSource {
  platform: "feishu" | "dingtalk";
  /** The department map's setting name and the section codes it names (checked at start). */
  mapName: string;
  sectionCodes: readonly string[];
  lookup(externalId: string): Promise<ContactPerson>;
}

/** The section for a person's departments: the first department id (in the person's order) the map knows. */
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
