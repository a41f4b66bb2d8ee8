import { bffRoute } from "@/lib/api";
import { isTenantAdmin } from "@/lib/audit/actions";
import { savedViewCall, toSavedViewItem } from "@/lib/people/saved-views";
import { createSavedViewSchema, savedViewSchema, savedViewsSchema } from "@/lib/people/schemas";
import { createSavedView, listSavedViews, storeDb } from "@/lib/store";

// GET /api/saved-views — the caller's own executions views and every view shared in the tenant
export const GET = bffRoute({ output: savedViewsSchema }, async ({ session, actor }) => {
  const caller = { sub: actor.sub, isTenantAdmin: isTenantAdmin(session.user.roles) };
  const views = await listSavedViews(await storeDb(), session.user.tenantId, actor.sub);
  return { items: views.map((v) => toSavedViewItem(v, caller)) };
});

// POST /api/saved-views {name, query, shared} — save the list's filters under a name (409 when the caller has one by that name)
export const POST = bffRoute(
  {
    body: createSavedViewSchema,
    output: savedViewSchema,
    status: 201,
    audit: { action: "saved-view.create", target: ({ body }) => `saved-view:${body.shared ? "shared" : "personal"}/${body.name}` },
  },
  async ({ body, session, actor }) => {
    const view = await savedViewCall(async () => createSavedView(await storeDb(), session.user.tenantId, actor.sub, body));
    return toSavedViewItem(view, { sub: actor.sub, isTenantAdmin: isTenantAdmin(session.user.roles) });
  },
);
