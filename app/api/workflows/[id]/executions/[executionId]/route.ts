import { bffRoute } from "@/lib/api";
import { getExecution } from "@/lib/pegasus/executions";
import { executionSchema } from "@/lib/schemas/execution";
import { executionParamsSchema } from "@/lib/schemas/params";

// GET /api/workflows/:id/executions/:executionId — one execution (404 when not visible)
export const GET = bffRoute({ params: executionParamsSchema, output: executionSchema }, ({ pegasus, params }) =>
  getExecution(pegasus, params.id, params.executionId),
);
