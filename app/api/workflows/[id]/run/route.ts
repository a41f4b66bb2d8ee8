import { z } from "zod";
import { bffRoute } from "@/lib/api";
import { runWorkflow } from "@/lib/pegasus/executions";
import { executionSchema, runWorkflowSchema } from "@/lib/schemas/execution";

const paramsSchema = z.object({ id: z.uuid("workflow id must be a UUID") });

// POST /api/workflows/:id/run — start a live or dry run ({input, mode}); 201 with the new execution
export const POST = bffRoute({ params: paramsSchema, body: runWorkflowSchema, output: executionSchema, status: 201, audit: { action: "workflow.run", actionFor: ({ body }) => (body.mode === "dry_run" ? "workflow.dry-run" : "workflow.run"), target: ({ params }) => `workflow:${params.id}` } }, ({ pegasus, params, body }) =>
  runWorkflow(pegasus, params.id, body),
);
