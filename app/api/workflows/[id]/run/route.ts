import { bffRoute } from "@/lib/api";
import { runWorkflow } from "@/lib/pegasus/executions";
import { executionSchema, runWorkflowSchema } from "@/lib/schemas/execution";
import { workflowParamsSchema } from "@/lib/schemas/params";

// POST /api/workflows/:id/run — start a live or dry run ({input, mode}); 201 with the new execution
export const POST = bffRoute({ params: workflowParamsSchema, body: runWorkflowSchema, output: executionSchema, status: 201, audit: { action: "workflow.run", actionFor: ({ body }) => (body.mode === "dry_run" ? "workflow.dry-run" : "workflow.run"), target: ({ params }) => `workflow:${params.id}` } }, ({ pegasus, params, body }) =>
  runWorkflow(pegasus, params.id, body),
);
