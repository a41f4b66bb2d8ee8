import { bffRoute, BffRequestError } from "@/lib/api";
import { isTenantAdmin } from "@/lib/audit/actions";
import { auditPageSchema, auditQuerySchema } from "@/lib/audit/schemas";
import { listAuditEvents, storeDb } from "@/lib/store";

// GET /api/audit?actor=&action=&target=&from=&to=&cursor=&limit= — the tenant's audit trail, newest first (tenant admins)
export const GET = bffRoute({ query: auditQuerySchema, output: auditPageSchema }, async ({ query, session }) => {
  if (!isTenantAdmin(session.user.roles)) throw new BffRequestError(403, "FORBIDDEN", "The activity log is for tenant admins");
  const { items, nextCursor } = await listAuditEvents(await storeDb(), session.user.tenantId, {
    actor: query.actor,
    action: query.action,
    target: query.target,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    cursor: query.cursor,
    limit: query.limit ?? 50,
  });
  // The store's row id is the cursor only; items carry no internal id.
  return { items: items.map(({ id: _id, ...item }) => item), nextCursor };
});
