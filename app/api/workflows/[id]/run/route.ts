import { z } from "zod";
import { bffRoute } from "@/lib/api";
import { learnUserId } from "@/lib/people/learn";
import { runQuerySchema } from "@/lib/people/schemas";
import { getExecution, runWorkflow } from "@/lib/pegasus/executions";
import { executionSchema, runWorkflowSchema } from "@/lib/schemas/execution";
import { recordLineage, storeDb } from "@/lib/store";

const paramsSchema = z.object({ id: z.uuid("workflow id must be a UUID") });

// POST /api/workflows/:id/run[?rerunOf=<executionId>] — start a live or dry run ({input, mode}); 201 with the new execution.
// With rerunOf (a run of this workflow the caller can read; 404 otherwise) the new run is recorded as its re-run.
export const POST = bffRoute(
  { params: paramsSchema, query: runQuerySchema, body: runWorkflowSchema, output: executionSchema, status: 201, audit: { action: "workflow.run", actionFor: ({ body }) => (body.mode === "dry_run" ? "workflow.dry-run" : "workflow.run"), target: ({ params }) => `workflow:${params.id}` } },
  async ({ pegasus, params, query, body, session, actor }) => {
    // Checked before the run starts: a link to a run the caller cannot see is refused, not recorded.
    if (query.rerunOf) await getExecution(pegasus, params.id, query.rerunOf);
    const next = await runWorkflow(pegasus, params.id, body);
    await learnUserId(session.user.tenantId, actor.sub, next.triggeredByUserId);
    if (query.rerunOf) {
      try {
        await recordLineage(await storeDb(), session.user.tenantId, { executionId: next.id, sourceExecutionId: query.rerunOf, workflowId: next.workflowId, kind: "rerun", actorSub: actor.sub });
      } catch (error) {
        console.error("[lineage] could not record the re-run link:", error instanceof Error ? error.message : String(error));
      }
    }
    return next;
  },
);
