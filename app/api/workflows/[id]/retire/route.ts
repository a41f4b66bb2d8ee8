import { bffRoute } from "@/lib/api";
import { retireWorkflow } from "@/lib/pegasus/workflows";
import { retireResultSchema } from "@/lib/schemas/workflow";
import { workflowParamsSchema } from "@/lib/schemas/params";

// POST /api/workflows/:id/retire — retire one row the tenant owns (409 WORKFLOW_IN_USE lists enabledTriggers/openExecutions)
export const POST = bffRoute(
  {
    params: workflowParamsSchema,
    output: retireResultSchema,
    audit: { action: "workflow.retire", target: ({ params }) => `workflow:${params.id}` },
  },
  ({ pegasus, params }) => retireWorkflow(pegasus, params.id),
);
