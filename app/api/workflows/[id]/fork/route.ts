import { bffRoute } from "@/lib/api";
import { forkWorkflow } from "@/lib/pegasus/workflows";
import { workflowSchema } from "@/lib/schemas/workflow";
import { workflowParamsSchema } from "@/lib/schemas/params";

// POST /api/workflows/:id/fork — copy a GLOBAL workflow into the caller's tenant; 201 with the new row (409 CONFLICT when that name@version exists)
export const POST = bffRoute(
  {
    params: workflowParamsSchema,
    output: workflowSchema,
    status: 201,
    audit: { action: "workflow.fork", target: ({ params }) => `workflow:${params.id}` },
  },
  ({ pegasus, params }) => forkWorkflow(pegasus, params.id),
);
