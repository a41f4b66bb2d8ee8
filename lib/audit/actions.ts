/**
 * Audit vocabulary shared by the BFF (which records) and the UI (which asks for reasons and
 * shows the Activity page). Pure: no server imports.
 */

/** Header the console UI sends a reason in (percent-encoded: headers carry Latin-1 only). */
export const AUDIT_REASON_HEADER = "x-audit-reason";

/** Longest reason kept; a longer one is refused. */
export const AUDIT_REASON_MAX = 500;

/** Every action the console records, with how the Activity page names it. */
export const AUDIT_ACTIONS = {
  "workflow.run": "Run workflow",
  "workflow.dry-run": "Dry run",
  "workflow.fork": "Fork workflow",
  "workflow.retire": "Retire workflow",
  "execution.cancel": "Cancel run",
  "execution.retry": "Retry run",
  "trigger.create": "Add trigger",
  "trigger.update": "Edit or toggle trigger",
  "trigger.delete": "Delete trigger",
  "trigger.enable-unreviewed": "Enable trigger on an unreviewed version",
  "workflow.review": "Review workflow version",
  "settings.review-required": "Change review requirement",
  "settings.alert-webhook": "Set failure alert webhook",
  "settings.alert-webhook-delete": "Remove failure alert webhook",
  "settings.alert-webhook-test": "Send test failure alert",
  "secret.create": "Create secret",
  "secret.rotate": "Rotate secret",
  "secret.delete": "Delete secret",
  "config.create": "Create config value",
  "config.set": "Set config value",
  "config.delete": "Delete config value",
  "integration.publish": "Publish integration config",
  "integration.rollback": "Roll back integration config",
  "integration.fork": "Fork integration config",
  "integration.delete": "Delete integration config",
  "integration.bundle-read": "Upload bundle",
  "tenant.rename": "Name the tenant",
  "saved-view.create": "Save executions view",
  "saved-view.delete": "Delete executions view",
  "saved-view.default": "Set default executions view",
  "session.sign-out": "Sign out",
  "session.sign-out-everywhere": "Sign out everywhere",
  "bulk.start": "Start bulk action",
  "bulk.abort": "Abort bulk action",
  "failure.acknowledge": "Acknowledge failure group",
  "failure.reopen": "Re-open failure group",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** Actions that must say why (issue #16): the BFF refuses them without a reason. */
export const REASON_REQUIRED_ACTIONS: ReadonlySet<AuditAction> = new Set<AuditAction>([
  "execution.cancel",
  "secret.rotate",
  "secret.delete",
  "config.delete",
  "trigger.delete",
  "integration.delete",
  "integration.rollback",
  "bulk.start",
]);

/** True for a known action name. */
export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, value);
}

/** Request headers carrying a reason (empty when there is none). */
export function reasonHeaders(reason: string | null | undefined): Record<string, string> {
  const text = reason?.trim();
  return text ? { [AUDIT_REASON_HEADER]: encodeURIComponent(text) } : {};
}

/**
 * The reason a request carries, or null; `invalid` when the header is malformed or too long.
 * Control characters are refused so a reason cannot forge lines in the CSV export or logs.
 */
export function readReasonHeader(raw: string | null): { ok: true; reason: string | null } | { ok: false; message: string } {
  if (raw === null || raw.trim() === "") return { ok: true, reason: null };
  let text: string;
  try {
    text = decodeURIComponent(raw).trim();
  } catch {
    return { ok: false, message: `Invalid ${AUDIT_REASON_HEADER} header: not percent-encoded UTF-8` };
  }
  if (text.length > AUDIT_REASON_MAX) return { ok: false, message: `Reason too long: at most ${AUDIT_REASON_MAX} characters` };
  if (/[\u0000-\u001f\u007f]/.test(text)) return { ok: false, message: "Reason must be one line of text" };
  return { ok: true, reason: text || null };
}

/** Role whose holders read the Activity page (a console feature: no upstream action covers it). */
export const TENANT_ADMIN_ROLE = "tenant_admin";

/** True when the signed-in user is a tenant admin. */
export function isTenantAdmin(roles: readonly string[]): boolean {
  return roles.includes(TENANT_ADMIN_ROLE);
}
