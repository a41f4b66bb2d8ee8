import { bffRoute } from "@/lib/api";
import { retryExecution } from "@/lib/pegasus/executions";
import { executionSchema } from "@/lib/schemas/execution";
import { learnUserId } from "@/lib/people/learn";
import { recordLineage, storeDb } from "@/lib/store";
import { executionParamsSchema } from "@/lib/schemas/params";
import { logger } from "@/lib/observability/logger";

// POST /api/workflows/:id/executions/:executionId/retry — start a new execution with the stored input; 201, 409 EXECUTION_NOT_RETRYABLE.
// The link new run → retried run is kept in the console's store (retry lineage).
export const POST = bffRoute(
  {
    params: executionParamsSchema,
    output: executionSchema,
    status: 201,
    audit: { action: "execution.retry", target: ({ params }) => `execution:${params.id}/${params.executionId}` },
  },
  async ({ pegasus, params, session, actor }) => {
    const next = await retryExecution(pegasus, params.id, params.executionId);
    await learnUserId(session.user.tenantId, actor.sub, next.triggeredByUserId);
    try {
      await recordLineage(await storeDb(), session.user.tenantId, {
        executionId: next.id,
        sourceExecutionId: params.executionId,
        workflowId: next.workflowId,
        kind: "retry",
        actorSub: actor.sub,
      });
    } catch (error) {
      // The retry itself happened; a lost link is reported on the server, not turned into a failure.
      logger().error({ error: error instanceof Error ? error.message : String(error) }, "could not record the retry link");
    }
    return next;
  },
);
