import { bffRoute } from "@/lib/api";
import { runWorkflow } from "@/lib/pegasus/executions";
import { executionSchema, runWorkflowSchema } from "@/lib/schemas/execution";
import { z } from "zod";

const paramsSchema = z.object({ id: z.uuid("workflow id must be a UUID") });

// POST /api/workflows/:id/executions — start a run ({input, mode: live|dry_run}); 201 with the new execution
export const POST = bffRoute({ params: paramsSchema, body: runWorkflowSchema, output: executionSchema, status: 201 }, ({ pegasus, params, body }) =>
  runWorkflow(pegasus, params.id, body),
);
