import { bffRoute } from "@/lib/api";
import { retryExecution } from "@/lib/pegasus/executions";
import { executionSchema } from "@/lib/schemas/execution";
import { executionParamsSchema } from "../params";

// POST /api/workflows/:id/executions/:executionId/retry — start a new execution with the stored input; 201, 409 EXECUTION_NOT_RETRYABLE
export const POST = bffRoute({ params: executionParamsSchema, output: executionSchema, status: 201, audit: { action: "execution.retry", target: ({ params }) => `execution:${params.id}/${params.executionId}` } }, ({ pegasus, params }) =>
  retryExecution(pegasus, params.id, params.executionId),
);
