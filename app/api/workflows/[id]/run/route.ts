import { bffRoute, BffRequestError } from "@/lib/api";
import { checkRunInputSize, PAYLOAD_MAX_BYTES } from "@/lib/executions/payload-limits";
import { learnUserId } from "@/lib/people/learn";
import { runQuerySchema } from "@/lib/people/schemas";
import { getExecution, runWorkflow } from "@/lib/pegasus/executions";
import { executionSchema, runWorkflowSchema } from "@/lib/schemas/execution";
import { workflowParamsSchema } from "@/lib/schemas/params";
import { recordLineage, storeDb } from "@/lib/store";
import { logger } from "@/lib/observability/logger";

// POST /api/workflows/:id/run[?rerunOf=<executionId>] — start a live or dry run ({input, mode}); 201 with the new execution.
// An input over Temporal's 2 MB payload limit is a 413 here, before any upstream call (the run form refuses it too; this
// holds for every other client). With rerunOf (a run of this workflow the caller can read; 404 otherwise) the new run is
// recorded as its re-run.
export const POST = bffRoute(
  {
    params: workflowParamsSchema,
    query: runQuerySchema,
    body: runWorkflowSchema,
    output: executionSchema,
    status: 201,
    audit: {
      action: "workflow.run",
      actionFor: ({ body }) => (body.mode === "dry_run" ? "workflow.dry-run" : "workflow.run"),
      target: ({ params }) => `workflow:${params.id}`,
    },
  },
  async ({ pegasus, params, query, body, session, actor }) => {
    const size = checkRunInputSize(body.input);
    if (size.level === "refuse") {
      throw new BffRequestError(
        413,
        "PAYLOAD_TOO_LARGE",
        `The workflow input is ${size.bytes} bytes; the limit is 2 MB (${PAYLOAD_MAX_BYTES} bytes, Temporal's per-payload limit). Pass a reference (an id or a URL) instead of the data.`,
      );
    }
    // Checked before the run starts: a link to a run the caller cannot see is refused, not recorded.
    if (query.rerunOf) await getExecution(pegasus, params.id, query.rerunOf);
    const next = await runWorkflow(pegasus, params.id, body);
    await learnUserId(session.user.tenantId, actor.sub, next.triggeredByUserId);
    if (query.rerunOf) {
      try {
        await recordLineage(await storeDb(), session.user.tenantId, {
          executionId: next.id,
          sourceExecutionId: query.rerunOf,
          workflowId: next.workflowId,
          kind: "rerun",
          actorSub: actor.sub,
        });
      } catch (error) {
        logger().error({ error: error instanceof Error ? error.message : String(error) }, "[lineage] could not record the re-run link");
      }
    }
    return next;
  },
);
