import { sendTestMessage } from "@/lib/alerts/service";
import { webhookTestResultSchema } from "@/lib/alerts/schemas";
import { bffRoute, BffRequestError } from "@/lib/api";
import { isTenantAdmin } from "@/lib/audit/actions";

// POST /api/alerts/webhook/test — send one signed test message now; answers what the receiver said (tenant admins)
export const POST = bffRoute(
  { output: webhookTestResultSchema, audit: { action: "settings.alert-webhook-test", target: () => "alerts:webhook" } },
  async ({ session }) => {
    if (!isTenantAdmin(session.user.roles)) throw new BffRequestError(403, "FORBIDDEN", "Only tenant admins manage failure alerts");
    const result = await sendTestMessage(session.user.tenantId);
    if (!result) throw new BffRequestError(404, "NOT_FOUND", "No failure alert webhook is set");
    return result;
  },
);
