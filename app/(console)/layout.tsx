import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { getPublicSession } from "@/lib/auth";
import { isTenantAdmin } from "@/lib/audit/actions";
import { toPermissionSet, visibleNavItems } from "@/lib/permissions";
import { loadMyPermissions } from "@/lib/permissions/server";
import { isPegasusError } from "@/lib/pegasus/errors";
import { makeQueryClient } from "@/lib/queries/query-client";
import { permissionsQuery } from "@/lib/queries/permissions";
import type { MePermissions } from "@/lib/schemas/permissions";
import { parseTheme, THEME_COOKIE } from "@/lib/theme";
import { tenantLabel } from "@/lib/people/schemas";
import { storeDb, tenantDisplayName } from "@/lib/store";

/** The tenant's display name from the store; the short id when none is set or the store does not answer. */
async function displayNameOf(tenantId: string): Promise<string | null> {
  try {
    return await tenantDisplayName(await storeDb(), tenantId);
  } catch (error) {
    console.error("[store] tenant display name unavailable:", error instanceof Error ? error.message : String(error));
    return null;
  }
}

// Shell of every signed-in page. proxy.ts already redirects anonymous requests; this is the
// second line of defence (and where the permissions for navigation are loaded, once).
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await getPublicSession();
  if (!session) redirect("/sign-in");
  let me: MePermissions | null = null;
  let mustSignIn = false;
  try {
    me = await loadMyPermissions();
    // A session without a usable ID token (refresh failed) cannot call anything: sign in again.
    mustSignIn = me === null;
  } catch (error) {
    // Upstream trouble: keep the shell (with no sections) so pages can report the failure with
    // its request id, unless the upstream rejected the token itself.
    mustSignIn = isPegasusError(error) && error.status === 401;
  }
  // The cookie still decrypts, so the sign-in page must be told not to send the user straight back.
  if (mustSignIn) redirect("/sign-in?reason=expired");
  const queryClient = makeQueryClient();
  if (me) queryClient.setQueryData(permissionsQuery().queryKey, me);
  const nav = visibleNavItems(toPermissionSet(me?.permissions)).map(({ href, label }) => ({ href, label }));
  // The audit trail is the console's own (lib/store): tenant admins read it, whatever the upstream grants.
  if (isTenantAdmin(session.user.roles)) nav.push({ href: "/activity", label: "Activity" });
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  const { user } = session;
  const displayName = (await displayNameOf(user.tenantId)) ?? user.tenantName;
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <AppShell
        user={{
          name: user.name,
          email: user.email,
          roles: user.roles,
          tenantLabel: tenantLabel(user.tenantId, displayName),
          tenantId: user.tenantId,
          canNameTenant: isTenantAdmin(user.roles) && !displayName,
        }}
        nav={nav}
        navUnavailable={me === null && !mustSignIn}
        theme={theme}
      >
        {children}
      </AppShell>
    </HydrationBoundary>
  );
}
