import { bffRoute } from "@/lib/api";
import { BffRequestError } from "@/lib/api/errors";
import { fingerprintParamsSchema, unackFailureResultSchema } from "@/lib/failures/schemas";
import { getMyPermissions } from "@/lib/pegasus/permissions";
import { PERMISSIONS } from "@/lib/schemas/permissions";
import { storeDb, unacknowledgeFailureGroup } from "@/lib/store";

// DELETE /api/failures/acks/:fingerprint — re-open an acknowledged failure group; 404 when it was not acknowledged
export const DELETE = bffRoute(
  {
    params: fingerprintParamsSchema,
    output: unackFailureResultSchema,
    audit: { action: "failure.reopen", target: ({ params }) => `failure-group:${params.fingerprint}` },
  },
  async ({ pegasus, session, params }) => {
    const me = await getMyPermissions(pegasus);
    if (!me.permissions.includes(PERMISSIONS.retryExecution))
      throw new BffRequestError(403, "FORBIDDEN", `You may not re-open failures (${PERMISSIONS.retryExecution})`);
    if (!(await unacknowledgeFailureGroup(await storeDb(), session.user.tenantId, params.fingerprint)))
      throw new BffRequestError(404, "NOT_FOUND", "This failure group is not acknowledged");
    return { fingerprint: params.fingerprint };
  },
);
