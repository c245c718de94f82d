// Who may report for which indicator. Pure: the caller passes the user and the indicator's owner.
// Rule: staff and section heads report only for their own section's indicators; admins for any.
// Asking about targets and progress is open to everyone (no check here).
export type Role = "staff" | "head" | "admin";

export interface Actor {
  role: Role;
  sectionId: number | null;
}

export interface OwnedIndicator {
  name: string;
  sectionId: number;
  sectionName: string;
}

export type PermissionResult = { allowed: true } | { allowed: false; reason: string };

export function canReport(actor: Actor, indicator: OwnedIndicator): PermissionResult {
  if (actor.role === "admin") return { allowed: true };
  if (actor.sectionId !== null && actor.sectionId === indicator.sectionId) return { allowed: true };
  return {
    allowed: false,
    reason: `「${indicator.name}」由${indicator.sectionName}负责，请由${indicator.sectionName}的同事报送；如需代报，请联系管理员。`,
  };
}
