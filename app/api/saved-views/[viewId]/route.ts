import { bffRoute } from "@/lib/api";
import { isTenantAdmin } from "@/lib/audit/actions";
import { savedViewCall, toSavedViewItem } from "@/lib/people/saved-views";
import { savedViewParamsSchema, savedViewSchema } from "@/lib/people/schemas";
import { deleteSavedView, storeDb } from "@/lib/store";

// DELETE /api/saved-views/:viewId — the owner deletes their view; a tenant admin may delete a shared one (403 otherwise, 404 when not visible)
export const DELETE = bffRoute(
  {
    params: savedViewParamsSchema,
    output: savedViewSchema,
    audit: { action: "saved-view.delete", target: ({ params }) => `saved-view:${params.viewId}` },
  },
  async ({ params, session, actor }) => {
    const caller = { sub: actor.sub, isTenantAdmin: isTenantAdmin(session.user.roles) };
    const view = await savedViewCall(async () => deleteSavedView(await storeDb(), session.user.tenantId, params.viewId, caller));
    return toSavedViewItem(view, caller);
  },
);
