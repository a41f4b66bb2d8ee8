import { PERMISSIONS, type Permission } from "@/lib/schemas/permissions";

/** A set of granted permission strings with a `has` test (the UI gates on strings, never on role names). */
export interface PermissionSet {
  has(permission: Permission): boolean;
  hasAny(permissions: readonly Permission[]): boolean;
}

/** Builds a PermissionSet from `/me/permissions`'s `permissions` array; unknown strings are kept but harmless. */
export function toPermissionSet(granted: readonly string[] | undefined): PermissionSet {
  const set = new Set(granted ?? []);
  return {
    has: (permission) => set.has(permission),
    hasAny: (permissions) => permissions.some((p) => set.has(p)),
  };
}

export interface NavItem {
  href: string;
  label: string;
  /** Shown when the user holds at least one of these. */
  anyOf: readonly Permission[];
}

/** The console's sections and the permission each needs. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/workflows", label: "Workflows", anyOf: [PERMISSIONS.readWorkflow] },
  { href: "/executions", label: "Executions", anyOf: [PERMISSIONS.readWorkflow] },
  { href: "/secrets", label: "Secrets & config", anyOf: [PERMISSIONS.manageSecrets, PERMISSIONS.manageConfigs] },
  { href: "/integrations", label: "Integrations", anyOf: [PERMISSIONS.readIntegrationConfig] },
  { href: "/usage", label: "Usage", anyOf: [PERMISSIONS.readUsage] },
];

/** The navigation items a user may use. */
export function visibleNavItems(permissions: PermissionSet): NavItem[] {
  return NAV_ITEMS.filter((item) => permissions.hasAny(item.anyOf));
}

/**
 * Where a signed-in user lands when no page was asked for: the first section the role may use, or
 * null when it may use none (the home page then says so instead of opening a section it cannot use).
 */
export function landingPath(permissions: PermissionSet): string | null {
  return visibleNavItems(permissions)[0]?.href ?? null;
}

/** The nav item that owns a path, if any (for page-level gating). */
export function navItemFor(pathname: string): NavItem | undefined {
  return NAV_ITEMS.find((item) => pathname === item.href || pathname.startsWith(`${item.href}/`));
}
