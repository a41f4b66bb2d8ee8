import { bffRoute } from "@/lib/api";
import { savedViewCall } from "@/lib/people/saved-views";
import { defaultSavedViewResultSchema, defaultSavedViewSchema } from "@/lib/people/schemas";
import { setDefaultSavedView, storeDb } from "@/lib/store";

// PUT /api/saved-views/default {viewId | null} — the caller's default executions view (404 for a view they cannot use)
export const PUT = bffRoute(
  {
    body: defaultSavedViewSchema,
    output: defaultSavedViewResultSchema,
    audit: { action: "saved-view.default", target: ({ body }) => `saved-view:${body.viewId ?? "none"}` },
  },
  async ({ body, session, actor }) => {
    await savedViewCall(async () => setDefaultSavedView(await storeDb(), session.user.tenantId, actor.sub, body.viewId));
    return { viewId: body.viewId };
  },
);
