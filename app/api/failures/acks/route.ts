import { bffRoute } from "@/lib/api";
import { BffRequestError } from "@/lib/api/errors";
import { ackFailureBodySchema, ackFailureResultSchema } from "@/lib/failures/schemas";
import { getMyPermissions } from "@/lib/pegasus/permissions";
import { PERMISSIONS } from "@/lib/schemas/permissions";
import { acknowledgeFailureGroup, storeDb } from "@/lib/store";

// POST /api/failures/acks — acknowledge a failure group as of its last occurrence (who and when are stored per tenant);
// a run failing the same way later re-opens it. Support work: needs workflow:retry_execution.
export const POST = bffRoute(
  {
    body: ackFailureBodySchema,
    output: ackFailureResultSchema,
    audit: { action: "failure.acknowledge", target: ({ body }) => `failure-group:${body.fingerprint}` },
  },
  async ({ pegasus, session, actor, body }) => {
    const me = await getMyPermissions(pegasus);
    if (!me.permissions.includes(PERMISSIONS.retryExecution))
      throw new BffRequestError(403, "FORBIDDEN", `You may not acknowledge failures (${PERMISSIONS.retryExecution})`);
    const lastSeen = new Date(body.lastSeen);
    if (lastSeen.getTime() > Date.now() + 60_000) throw new BffRequestError(400, "VALIDATION_ERROR", "lastSeen is in the future");
    await acknowledgeFailureGroup(await storeDb(), session.user.tenantId, {
      fingerprint: body.fingerprint,
      actorSub: actor.sub,
      actorName: actor.name ?? actor.email,
      lastSeenAt: lastSeen,
    });
    return { fingerprint: body.fingerprint, lastSeen: lastSeen.toISOString() };
  },
);
