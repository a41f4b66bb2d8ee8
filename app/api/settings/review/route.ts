import { bffRoute, BffRequestError } from "@/lib/api";
import { isTenantAdmin } from "@/lib/audit/actions";
import { putReviewSettingsSchema, reviewSettingsSchema } from "@/lib/reviews/state";
import { setRequireReviewBeforeTriggers, storeDb, tenantSettings } from "@/lib/store";

// GET /api/settings/review — whether the tenant requires a review before a trigger is enabled (any signed-in user)
export const GET = bffRoute({ output: reviewSettingsSchema }, async ({ session }) =>
  tenantSettings(await storeDb(), session.user.tenantId),
);

// PUT /api/settings/review — tenant admins turn the requirement on or off
export const PUT = bffRoute(
  {
    body: putReviewSettingsSchema,
    output: reviewSettingsSchema,
    audit: {
      action: "settings.review-required",
      target: ({ body }) => `settings:require-review-before-triggers=${body.requireReviewBeforeTriggers ? "on" : "off"}`,
    },
  },
  async ({ body, session, actor }) => {
    if (!isTenantAdmin(session.user.roles)) throw new BffRequestError(403, "FORBIDDEN", "Only tenant admins change the review requirement");
    return setRequireReviewBeforeTriggers(await storeDb(), session.user.tenantId, body.requireReviewBeforeTriggers, {
      sub: actor.sub,
      name: actor.name ?? actor.email,
    });
  },
);
