import { bffRoute, BffRequestError } from "@/lib/api";
import { isTenantAdmin } from "@/lib/audit/actions";
import { tenantNameBodySchema, tenantSchema } from "@/lib/people/schemas";
import { setTenantDisplayName, storeDb, tenantDisplayName } from "@/lib/store";

// GET /api/tenant — the caller's tenant id and display name (null until a tenant admin names it)
export const GET = bffRoute({ output: tenantSchema }, async ({ session }) => ({
  tenantId: session.user.tenantId,
  displayName: await tenantDisplayName(await storeDb(), session.user.tenantId),
}));

// PUT /api/tenant {displayName | null} — a tenant admin names the tenant (null: back to the short id) (shown in every member's header; audited)
export const PUT = bffRoute(
  { body: tenantNameBodySchema, output: tenantSchema, audit: { action: "tenant.rename", target: () => "tenant" } },
  async ({ body, session, actor }) => {
    if (!isTenantAdmin(session.user.roles)) throw new BffRequestError(403, "FORBIDDEN", "Only a tenant admin can name the tenant");
    await setTenantDisplayName(await storeDb(), session.user.tenantId, body.displayName, actor.sub);
    return { tenantId: session.user.tenantId, displayName: body.displayName };
  },
);
