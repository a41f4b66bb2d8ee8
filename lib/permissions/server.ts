import "server-only";
import { cache } from "react";
import { getUserPegasusClient } from "@/lib/pegasus";
import { getMyPermissions } from "@/lib/pegasus/permissions";
import type { MePermissions, Permission } from "@/lib/schemas/permissions";
import { toPermissionSet, type PermissionSet } from "./index";

/** `/me/permissions` for the signed-in user, fetched at most once per request. Null without a session. */
export const loadMyPermissions = cache(async (): Promise<MePermissions | null> => {
  const client = await getUserPegasusClient();
  if (!client) return null;
  return getMyPermissions(client);
});

/** The signed-in user's permissions as a set (empty without a session). */
export async function getPermissionSet(): Promise<PermissionSet> {
  const me = await loadMyPermissions();
  return toPermissionSet(me?.permissions);
}

/** Server-side gate for pages and actions. */
export async function hasPermission(permission: Permission): Promise<boolean> {
  return (await getPermissionSet()).has(permission);
}
