import { bffRoute } from "@/lib/api";
import { cancelExecution } from "@/lib/pegasus/executions";
import { executionSchema } from "@/lib/schemas/execution";
import { executionParamsSchema } from "@/lib/schemas/params";

// POST /api/workflows/:id/executions/:executionId/cancel — request cancellation; 202 with the row unchanged, 409 EXECUTION_NOT_CANCELLABLE
export const POST = bffRoute(
  {
    params: executionParamsSchema,
    output: executionSchema,
    status: 202,
    audit: { action: "execution.cancel", target: ({ params }) => `execution:${params.id}/${params.executionId}` },
  },
  ({ pegasus, params }) => cancelExecution(pegasus, params.id, params.executionId),
);
