import { z } from "zod";
import { allowInternalWebhooks, savedUrlRefusal } from "@/lib/alerts/destination";
import { ensureAlertSender } from "@/lib/alerts/loop";
import { removeWebhook, setWebhook, webhookView } from "@/lib/alerts/service";
import { putWebhookBodySchema, putWebhookResultSchema, webhookViewSchema } from "@/lib/alerts/schemas";
import { bffRoute, BffRequestError } from "@/lib/api";
import { isTenantAdmin } from "@/lib/audit/actions";
import type { PublicSession } from "@/lib/auth/token";

function adminOnly(session: PublicSession): void {
  if (!isTenantAdmin(session.user.roles)) throw new BffRequestError(403, "FORBIDDEN", "Only tenant admins manage failure alerts");
}

/** The audit target names the receiver's host only: a webhook URL's path or query can be a credential. */
const hostOf = (url: string) => `alerts:webhook:${new URL(url).host}`;

// GET /api/alerts/webhook — the tenant's failure-alert webhook (URL, never the secret) and its last deliveries (tenant admins)
export const GET = bffRoute({ output: webhookViewSchema }, async ({ session }) => {
  adminOnly(session);
  ensureAlertSender();
  return webhookView(session.user.tenantId);
});

// PUT /api/alerts/webhook — set the URL; a new webhook (or rotateSecret) answers with a new signing secret, shown this once (tenant admins).
// A host that is localhost or an internal address literal is refused unless ALERT_WEBHOOK_ALLOW_INTERNAL is set.
export const PUT = bffRoute(
  {
    body: putWebhookBodySchema,
    output: putWebhookResultSchema,
    audit: { action: "settings.alert-webhook", target: ({ body }) => `${hostOf(body.url)}${body.rotateSecret ? ":rotate-secret" : ""}` },
  },
  async ({ session, body, actor }) => {
    adminOnly(session);
    const refusal = savedUrlRefusal(body.url, allowInternalWebhooks());
    if (refusal) throw new BffRequestError(400, "VALIDATION_ERROR", refusal);
    return setWebhook(session.user.tenantId, body, { sub: actor.sub, name: actor.name ?? actor.email });
  },
);

// DELETE /api/alerts/webhook — stop failure alerts; queued messages are dropped (tenant admins)
export const DELETE = bffRoute(
  { output: z.object({ removed: z.literal(true) }), audit: { action: "settings.alert-webhook-delete", target: () => "alerts:webhook" } },
  async ({ session }) => {
    adminOnly(session);
    if (!(await removeWebhook(session.user.tenantId))) throw new BffRequestError(404, "NOT_FOUND", "No failure alert webhook is set");
    return { removed: true as const };
  },
);
